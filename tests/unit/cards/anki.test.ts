import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  exportAnki,
  importAnki,
  type AnkiCard,
  type AnkiImportResult,
  type AnkiSeparatorName,
} from "@/lib/cards/anki";

function cardsOf(result: AnkiImportResult): AnkiCard[] {
  if (!result.ok) {
    throw new Error(`import failed: ${JSON.stringify(result.errors)}`);
  }
  return result.cards;
}

function errorsOf(result: AnkiImportResult) {
  if (result.ok) throw new Error("import succeeded but errors were expected");
  return result.errors;
}

const tricky: AnkiCard[] = [
  { front: "Plain front", back: "Plain back", tags: ["imbalance", "E5"] },
  {
    front: 'Which loss "focuses" on hard examples?',
    back: "Focal loss,\tnot plain cross-entropy; see\r\nLin et al.",
    tags: [],
    deck: "ML::Imbalance",
  },
  {
    front: "#1 rule of data parallelism",
    back: "  leading and trailing spaces  ",
    tags: ["ml::training", "gpu"],
    guid: "Xy7&q|9",
  },
  {
    front: "Multi\nline\n\nfront with a blank line",
    back: "",
    tags: ["a"],
    deck: 'Deck; with, separators | and "quotes"',
  },
  { front: '"', back: '""', tags: [] },
  {
    front: "Ünïcode ✓ 数据并行",
    back: "<b>not html</b> &amp;",
    tags: ["日本語"],
  },
];

describe("exportAnki", () => {
  it("writes Anki headers", () => {
    const text = exportAnki(tricky, { notetype: "Basic" });
    const headerLines = text.split("\n").slice(0, 7);
    expect(headerLines).toEqual([
      "#separator:tab",
      "#html:false",
      "#notetype:Basic",
      "#columns:Front\tBack\tTags\tDeck\tGUID",
      "#tags column:3",
      "#deck column:4",
      "#guid column:5",
    ]);
  });

  it("leaves out deck and GUID columns nobody uses", () => {
    const text = exportAnki([{ front: "f", back: "b", tags: ["t1", "t2"] }], {
      separator: "comma",
    });
    expect(text).toBe(
      "#separator:comma\n#html:false\n#columns:Front,Back,Tags\n#tags column:3\nf,b,t1 t2\n",
    );
  });

  it("quotes fields per RFC 4180", () => {
    const text = exportAnki([
      { front: 'say "hi"', back: "a\tb", tags: [] },
      { front: "#hash", back: "x\ny", tags: [] },
    ]);
    const rows = text.split("\n").slice(4);
    expect(rows[0]).toBe('"say ""hi"""\t"a\tb"\t');
    expect(rows[1]).toBe('"#hash"\t"x');
    expect(rows[2]).toBe('y"\t');
  });

  it.each<[AnkiCard, RegExp]>([
    [{ front: "  ", back: "b", tags: [] }, /card 1 has an empty front/],
    [{ front: "f", back: "b", tags: ["two words"] }, /tag 'two words'/],
    [{ front: "f", back: "b", tags: [""] }, /tag ''/],
    [{ front: "f", back: "b", tags: [], deck: "" }, /empty deck or GUID/],
  ])("rejects %j", (card, message) => {
    expect(() => exportAnki([card])).toThrow(message);
  });
});

describe("importAnki round trip", () => {
  it.each<AnkiSeparatorName>(["tab", "comma", "semicolon", "pipe"])(
    "reads back tricky cards with %s",
    (separator) => {
      const text = exportAnki(tricky, { separator });
      expect(cardsOf(importAnki(text))).toEqual(tricky);
    },
  );

  it("returns the notetype header", () => {
    const result = importAnki(exportAnki(tricky, { notetype: "Basic" }));
    expect(result).toMatchObject({ ok: true, notetype: "Basic" });
  });

  const field = fc.string({
    unit: fc.constantFrom(
      "a",
      "Z",
      " ",
      "\t",
      ",",
      ";",
      "|",
      '"',
      "\n",
      "\r",
      "#",
      "é",
      "€",
    ),
    maxLength: 12,
  });
  const card: fc.Arbitrary<AnkiCard> = fc.record(
    {
      front: field.filter((s) => s.trim() !== ""),
      back: field,
      tags: fc.array(fc.stringMatching(/^[a-z0-9:_-]{1,8}$/), { maxLength: 3 }),
      deck: fc.stringMatching(/^[A-Za-z][A-Za-z :;,|"]{0,10}$/),
      guid: fc.stringMatching(/^[A-Za-z0-9+/#"]{1,10}$/),
    },
    { requiredKeys: ["front", "back", "tags"] },
  );

  it("reads back any cards exactly", () => {
    fc.assert(
      fc.property(
        fc.array(card, { maxLength: 6 }),
        fc.constantFrom<AnkiSeparatorName>("tab", "comma", "semicolon", "pipe"),
        (cards, separator) => {
          const text = exportAnki(cards, { separator });
          expect(cardsOf(importAnki(text))).toEqual(cards);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("importAnki", () => {
  it("reads a hand-written file", () => {
    const text = [
      "\uFEFF#separator:Semicolon",
      "#html:false",
      "#deck:ML",
      "#tags:chapter6",
      "# a comment line",
      "#tags column:3",
      "What is SMOTE?;Synthetic minority oversampling;imbalance",
      "",
      '"Two ""losses""?";"focal;',
      'class-balanced";',
      "# a comment between records",
      "Last;card;chapter6 extra",
    ].join("\r\n");
    expect(cardsOf(importAnki(text))).toEqual([
      {
        front: "What is SMOTE?",
        back: "Synthetic minority oversampling",
        tags: ["imbalance", "chapter6"],
        deck: "ML",
      },
      {
        front: 'Two "losses"?',
        back: "focal;\r\nclass-balanced",
        tags: ["chapter6"],
        deck: "ML",
      },
      { front: "Last", back: "card", tags: ["chapter6", "extra"], deck: "ML" },
    ]);
  });

  it("reads named columns in any order", () => {
    const text = "#separator:tab\n#columns:Back\tFront\nthe back\tthe front\n";
    expect(cardsOf(importAnki(text))).toEqual([
      { front: "the front", back: "the back", tags: [] },
    ]);
  });

  it.each([
    ["tab", "a\tb\n"],
    ["Pipe", "a|b\n"],
    ["|", "a|b\n"],
    ["colon", "a:b\n"],
    ["COMMA", "a,b\n"],
  ])("accepts #separator:%s", (separator, row) => {
    const cards = cardsOf(importAnki(`#separator:${separator}\n${row}`));
    expect(cards).toEqual([{ front: "a", back: "b", tags: [] }]);
  });

  it.each([
    ["tabs", "f\tb,c\n", { front: "f", back: "b,c" }],
    ["semicolons", "f;b,c;x\ng;h,i;y\n", undefined],
    ["commas", '"f;x",b\n', { front: "f;x", back: "b" }],
  ])("guesses %s without a header", (_name, text, expected) => {
    const result = importAnki(text);
    if (expected) expect(cardsOf(result)[0]).toMatchObject(expected);
    else expect(errorsOf(result)[0].message).toMatch(/3 note fields/);
  });

  it("uses the separator option for a bare file", () => {
    const cards = cardsOf(importAnki("f|b\n", { separator: "pipe" }));
    expect(cards).toEqual([{ front: "f", back: "b", tags: [] }]);
  });

  it("converts HTML fields to text", () => {
    const text =
      "#html:true\n#separator:tab\n<b>A</b> &amp; B<br>C\t&lt;tag&gt; &#x263A; &#9731; &bogus;\n";
    expect(cardsOf(importAnki(text))).toEqual([
      { front: "A & B\nC", back: "<tag> ☺ ☃ &bogus;", tags: [] },
    ]);
  });

  it("returns no cards for an empty file", () => {
    expect(importAnki("")).toEqual({ ok: true, cards: [] });
    expect(importAnki("#separator:tab\n#html:false\n")).toEqual({
      ok: true,
      cards: [],
    });
  });

  // [file, expected errors as [line, message fragment]]
  it.each<[string, string[], [number, string][]]>([
    [
      "wrong column count",
      ["#separator:tab", "#tags column:3", "a\tb\tt", "c\td", "e\tf\tg\th"],
      [
        [4, "expected 3 fields, found 2"],
        [5, "expected 3 fields, found 4"],
      ],
    ],
    [
      "empty front",
      ["#separator:tab", "a\tb", "  \tback only"],
      [[3, "Front field is empty"]],
    ],
    [
      "unknown header",
      ["#separator:tab", "#colour:blue", "a\tb"],
      [[2, "unknown header '#colour'"]],
    ],
    [
      "repeated header",
      ["#separator:tab", "#separator:comma", "a\tb"],
      [[2, "appears twice"]],
    ],
    [
      "invalid separator",
      ["#separator:dash", "a\tb"],
      [[1, "invalid separator 'dash'"]],
    ],
    [
      "invalid html",
      ["#separator:tab", "#html:yes", "a\tb"],
      [[2, "invalid #html value 'yes'"]],
    ],
    [
      "column out of range",
      ["#separator:tab", "#tags column:4", "a\tb\tc"],
      [[2, "invalid #tags column '4'"]],
    ],
    [
      "shared column",
      ["#separator:tab", "#tags column:3", "#deck column:3", "a\tb\tc"],
      [[3, "already uses"]],
    ],
    [
      "unclosed quote",
      ["#separator:tab", "a\tb", 'c\t"never', "closed"],
      [[3, "opens a quote that is never closed"]],
    ],
    [
      "text after a closing quote",
      ["#separator:tab", '"a"x\tb', "c\td"],
      [[2, "unexpected 'x' after the closing quote"]],
    ],
    [
      "three note fields",
      ["#separator:tab", "#columns:Front\tBack\tExtra", "a\tb\tc"],
      [[2, "3 note fields"]],
    ],
    ["one column", ["#separator:tab", "only"], [[2, "1 note field besides"]]],
    [
      "every problem at once",
      ["#separator:tab", "a\tb", '"c"x\td', "e", "\tf"],
      [
        [3, "unexpected 'x'"],
        [4, "expected 2 fields, found 1"],
        [5, "Front field is empty"],
      ],
    ],
  ])("reports %s", (_case, lines, expected) => {
    const result = importAnki(lines.join("\n"));
    expect(result.ok).toBe(false);
    const errors = errorsOf(result);
    expect(errors.map((e) => e.line)).toEqual(expected.map(([line]) => line));
    errors.forEach((error, i) =>
      expect(error.message).toContain(expected[i][1]),
    );
  });

  it("imports nothing when one line is invalid", () => {
    const good = exportAnki(tricky);
    const result = importAnki(`${good}only one field\n`);
    expect(result).not.toHaveProperty("cards");
    expect(errorsOf(result)).toHaveLength(1);
  });

  it("counts lines inside quoted fields", () => {
    const text = ["#separator:tab", '"a', 'b"\tc', "\tmissing front"].join(
      "\n",
    );
    expect(errorsOf(importAnki(text))).toEqual([
      { line: 4, message: expect.stringContaining("Front field is empty") },
    ]);
  });
});
