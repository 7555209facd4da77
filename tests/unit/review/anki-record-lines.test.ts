import { describe, expect, it } from "vitest";

import { exportAnki, importAnki, type AnkiCard } from "@/lib/cards/anki";
import { ankiRecordLines } from "@/lib/review/anki-record-lines";

describe("ankiRecordLines", () => {
  it("counts header lines", () => {
    const text = "#separator:tab\n#html:false\nf1\tb1\nf2\tb2\n";
    expect(ankiRecordLines(text)).toEqual([3, 4]);
  });

  it("skips blank and comment lines", () => {
    const text = "f1,b1\n\n# a comment\nf2,b2\r\n\r\nf3,b3";
    expect(ankiRecordLines(text)).toEqual([1, 4, 6]);
  });

  it("follows quoted fields across lines", () => {
    const text =
      '#separator:comma\n"multi\nline\r\nfront",b1\nf2,"x\n\ny"\nf3,b3\n';
    expect(ankiRecordLines(text)).toEqual([2, 5, 8]);
  });

  it("ignores quotes inside unquoted fields", () => {
    const text = 'say "hi,b1\nf2,b2\n';
    expect(ankiRecordLines(text)).toEqual([1, 2]);
  });

  it("matches importAnki's records for exported files", () => {
    const cards: AnkiCard[] = [
      { front: "one", back: "a\nb", tags: ["t"] },
      { front: "#two", back: 'say "x"', tags: [], deck: "d" },
      {
        front: "three\r\nlines\nhere",
        back: "c,d;e|f",
        tags: ["x", "y"],
        guid: "g",
      },
      { front: "  spaced  ", back: "\tb", tags: [] },
    ];
    for (const separator of ["tab", "comma", "semicolon", "pipe"] as const) {
      const text = exportAnki(cards, { separator });
      const parsed = importAnki(text);
      expect(parsed.ok).toBe(true);
      const lines = ankiRecordLines(text);
      expect(lines).toHaveLength(cards.length);
      // Each record starts on the line where its front begins.
      const allLines = text.split("\n");
      lines.forEach((line, index) => {
        const firstFrontLine = cards[index].front.split(/\r?\n/)[0];
        expect(allLines[line - 1]).toContain(firstFrontLine);
      });
    }
  });
});
