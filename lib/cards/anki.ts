/**
 * Import and export of flashcards as Anki text files (CSV or TSV with the
 * file headers of Anki 2.1.55+: `#separator:tab`, `#html:false`,
 * `#columns:...`, `#tags column:3`, `#deck column:4`, `#notetype:Basic`).
 * Fields follow RFC 4180 quoting: a field with the separator, a double
 * quote or a line break is wrapped in double quotes, and a double quote
 * inside it is doubled. Tags are one space-separated field.
 */

/** A Basic (front and back) card as Anki text files carry it. */
export interface AnkiCard {
  front: string;
  back: string;
  tags: string[];
  /** Anki deck name, e.g. "ML::Imbalance"; absent when the file gives none. */
  deck?: string;
  /** Anki note GUID, which Anki uses to update a note on re-import. */
  guid?: string;
}

export type AnkiSeparatorName = "tab" | "comma" | "semicolon" | "pipe";

export interface AnkiExportOptions {
  /** Field separator; default "tab". */
  separator?: AnkiSeparatorName;
  /** Note type to preset on import, written as `#notetype:`. */
  notetype?: string;
}

/** One problem in an import file; `line` is 1-based and counts headers. */
export interface AnkiImportError {
  line: number;
  message: string;
}

export type AnkiImportResult =
  | { ok: true; cards: AnkiCard[]; notetype?: string }
  | { ok: false; errors: AnkiImportError[] };

export interface AnkiImportOptions {
  /**
   * Separator for a file without a `#separator` header; when absent the
   * first record decides (a tab if it has one, else the most frequent of
   * ; , |).
   */
  separator?: AnkiSeparatorName;
}

const separatorChars: Record<string, string> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  space: " ",
  pipe: "|",
  colon: ":",
};

const knownHeaders = [
  "separator",
  "html",
  "tags",
  "columns",
  "notetype",
  "deck",
  "notetype column",
  "deck column",
  "tags column",
  "guid column",
];

/**
 * Writes cards as an Anki text file with headers, one record per card,
 * in the columns Front, Back, Tags, then Deck and GUID when any card has
 * them. importAnki reads the output back to equal cards.
 *
 * @throws RangeError naming the card (1-based) when its front is blank, a
 *   tag is empty or contains whitespace, or a deck or GUID is empty.
 */
export function exportAnki(
  cards: readonly AnkiCard[],
  options: AnkiExportOptions = {},
): string {
  const separatorName = options.separator ?? "tab";
  const separator = separatorChars[separatorName];
  cards.forEach(checkExportable);

  const columns = ["Front", "Back", "Tags"];
  const withDeck = cards.some((card) => card.deck !== undefined);
  const withGuid = cards.some((card) => card.guid !== undefined);
  if (withDeck) columns.push("Deck");
  if (withGuid) columns.push("GUID");

  const lines = [`#separator:${separatorName}`, "#html:false"];
  if (options.notetype !== undefined) {
    lines.push(`#notetype:${options.notetype}`);
  }
  lines.push(`#columns:${columns.join(separator)}`);
  lines.push(`#tags column:${columns.indexOf("Tags") + 1}`);
  if (withDeck) lines.push(`#deck column:${columns.indexOf("Deck") + 1}`);
  if (withGuid) lines.push(`#guid column:${columns.indexOf("GUID") + 1}`);

  for (const card of cards) {
    const fields = [card.front, card.back, card.tags.join(" ")];
    if (withDeck) fields.push(card.deck ?? "");
    if (withGuid) fields.push(card.guid ?? "");
    lines.push(
      fields.map((field) => quoteField(field, separator)).join(separator),
    );
  }
  return `${lines.join("\n")}\n`;
}

function checkExportable(card: AnkiCard, index: number): void {
  const where = `card ${index + 1}`;
  if (card.front.trim() === "") {
    throw new RangeError(
      `${where} has an empty front; every card needs a front`,
    );
  }
  for (const tag of card.tags) {
    if (tag === "" || /\s/.test(tag)) {
      throw new RangeError(
        `${where} has the tag '${tag}'; Anki tags are separated by spaces, so a tag must be non-empty and contain no whitespace`,
      );
    }
  }
  if (card.deck === "" || card.guid === "") {
    throw new RangeError(
      `${where} has an empty deck or GUID; leave the property out instead`,
    );
  }
}

/**
 * Quotes a field when reading it back unquoted would change it: it contains
 * the separator, a quote or a line break, starts with "#" (a comment line
 * to Anki), or has leading or trailing whitespace.
 */
function quoteField(field: string, separator: string): string {
  const needsQuotes =
    field.includes(separator) ||
    /["\r\n]/.test(field) ||
    field.startsWith("#") ||
    field !== field.trim();
  return needsQuotes ? `"${field.replaceAll('"', '""')}"` : field;
}

interface Header {
  key: string;
  value: string;
  line: number;
}

interface ParsedRecord {
  line: number;
  fields: string[];
}

/**
 * Reads an Anki text file into cards. It reads the file headers, then one
 * record per card with RFC 4180 quoting. Lines starting with "#" after the
 * headers are comments, as in Anki, and blank lines are skipped. With
 * `#html:true`, fields are converted to plain text: <br> becomes a line
 * break, other tags are removed and entities decoded.
 *
 * Returns every problem found, each naming its line (unknown header,
 * invalid header value, unclosed quote, wrong number of fields, empty
 * front), and no cards at all when there is any problem.
 */
export function importAnki(
  text: string,
  options: AnkiImportOptions = {},
): AnkiImportResult {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const errors: AnkiImportError[] = [];

  const { headers, body, bodyLine } = splitHeaders(source, errors);
  const separator = resolveSeparator(headers, body, options, errors);
  const { records, errors: recordErrors } = parseRecords(
    body,
    separator,
    bodyLine,
  );
  errors.push(...recordErrors);

  const layout = resolveLayout(headers, records, separator, errors);
  if (!layout) {
    if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
    return { ok: true, cards: [] };
  }

  const cards: AnkiCard[] = [];
  for (const record of records) {
    const card = readCard(record, layout, errors);
    if (card) cards.push(card);
  }

  if (errors.length > 0) return { ok: false, errors: sortErrors(errors) };
  const notetype = headerValue(headers, "notetype")?.trim();
  return notetype ? { ok: true, cards, notetype } : { ok: true, cards };
}

/** Collects the `#key:value` header lines at the top of the file. */
function splitHeaders(
  source: string,
  errors: AnkiImportError[],
): { headers: Header[]; body: string; bodyLine: number } {
  const headers: Header[] = [];
  let position = 0;
  let line = 1;

  while (source.startsWith("#", position)) {
    const newline = source.indexOf("\n", position);
    const end = newline === -1 ? source.length : newline;
    const raw = source.slice(position, end).replace(/\r$/, "");

    // "#key:value" is a header; "# text" or "#text" without a colon is a
    // comment, as in Anki.
    const match = /^#([A-Za-z][A-Za-z ]*):(.*)$/.exec(raw);
    if (match) {
      const key = match[1].trim().toLowerCase();
      if (!knownHeaders.includes(key)) {
        errors.push({
          line,
          message: `unknown header '#${match[1]}'; known headers are ${knownHeaders.map((h) => `#${h}`).join(", ")}`,
        });
      } else if (headers.some((header) => header.key === key)) {
        errors.push({ line, message: `header '#${key}' appears twice` });
      } else {
        headers.push({ key, value: match[2], line });
      }
    }

    position = newline === -1 ? source.length : newline + 1;
    line++;
  }
  return { headers, body: source.slice(position), bodyLine: line };
}

function headerValue(
  headers: readonly Header[],
  key: string,
): string | undefined {
  return headers.find((header) => header.key === key)?.value;
}

function resolveSeparator(
  headers: readonly Header[],
  body: string,
  options: AnkiImportOptions,
  errors: AnkiImportError[],
): string {
  const header = headers.find((h) => h.key === "separator");
  if (header) {
    const value =
      header.value.trim() === "" ? header.value : header.value.trim();
    const named = separatorChars[value.toLowerCase()];
    if (named) return named;
    if (value.length === 1 && Object.values(separatorChars).includes(value)) {
      return value;
    }
    errors.push({
      line: header.line,
      message: `invalid separator '${header.value}'; use Tab, Comma, Semicolon, Space, Pipe or Colon`,
    });
    return "\t";
  }

  if (options.separator) return separatorChars[options.separator];
  return guessSeparator(body);
}

/** Picks the separator from the first data line, ignoring quoted text. */
function guessSeparator(body: string): string {
  const firstLine =
    body
      .split("\n")
      .find((line) => line.trim() !== "" && !line.startsWith("#")) ?? "";
  const unquoted = firstLine.replace(/"(?:[^"]|"")*"/g, "");
  if (unquoted.includes("\t")) return "\t";

  let best = "\t";
  let bestCount = 0;
  for (const candidate of [";", ",", "|"]) {
    const count = unquoted.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/**
 * Splits the body into records with RFC 4180 quoting. A quoted field may
 * span lines; `line` of a record is the line it starts on.
 */
function parseRecords(
  body: string,
  separator: string,
  firstLine: number,
): { records: ParsedRecord[]; errors: AnkiImportError[] } {
  const records: ParsedRecord[] = [];
  const errors: AnkiImportError[] = [];
  let i = 0;
  let line = firstLine;

  const skipLineBreak = () => {
    i += body.startsWith("\r\n", i) ? 2 : 1;
    line++;
  };
  const skipRestOfLine = () => {
    while (i < body.length && body[i] !== "\n" && body[i] !== "\r") i++;
    if (i < body.length) skipLineBreak();
  };

  while (i < body.length) {
    const recordLine = line;
    const lineEnd = body.slice(i).search(/\r|\n/);
    const physical =
      lineEnd === -1 ? body.slice(i) : body.slice(i, i + lineEnd);
    if (body[i] === "#" || physical.trim() === "") {
      skipRestOfLine();
      continue;
    }

    const fields: string[] = [];
    let failed = false;
    for (;;) {
      if (body[i] === '"') {
        const start = line;
        let value = "";
        let closed = false;
        i++;
        while (i < body.length) {
          const char = body[i];
          if (char === '"') {
            if (body[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            closed = true;
            i++;
            break;
          }
          if (char === "\n" || (char === "\r" && body[i + 1] !== "\n")) line++;
          value += char;
          i++;
        }
        if (!closed) {
          errors.push({
            line: start,
            message: `field ${fields.length + 1} opens a quote that is never closed; add the closing "`,
          });
          failed = true;
          break;
        }
        fields.push(value);
      } else {
        let end = i;
        while (
          end < body.length &&
          !body.startsWith(separator, end) &&
          body[end] !== "\n" &&
          body[end] !== "\r"
        ) {
          end++;
        }
        fields.push(body.slice(i, end));
        i = end;
      }

      if (i >= body.length) break;
      if (body.startsWith(separator, i)) {
        i += separator.length;
        continue;
      }
      if (body[i] === "\n" || body[i] === "\r") {
        skipLineBreak();
        break;
      }
      errors.push({
        line,
        message: `unexpected '${body[i]}' after the closing quote of field ${fields.length}; write a quote inside a quoted field as ""`,
      });
      failed = true;
      skipRestOfLine();
      break;
    }

    if (!failed) records.push({ line: recordLine, fields });
  }
  return { records, errors };
}

interface Layout {
  columnCount: number;
  front: number;
  back: number;
  tags?: number;
  deck?: number;
  guid?: number;
  fileTags: string[];
  fileDeck?: string;
  html: boolean;
}

/** Determines which columns contain the front, back, tags, deck and GUID. */
function resolveLayout(
  headers: readonly Header[],
  records: readonly ParsedRecord[],
  separator: string,
  errors: AnkiImportError[],
): Layout | undefined {
  const errorsBefore = errors.length;
  const htmlHeader = headers.find((h) => h.key === "html");
  const htmlValue = htmlHeader?.value.trim().toLowerCase();
  if (htmlHeader && htmlValue !== "true" && htmlValue !== "false") {
    errors.push({
      line: htmlHeader.line,
      message: `invalid #html value '${htmlHeader.value}'; use true or false`,
    });
  }

  const columnsHeader = headers.find((h) => h.key === "columns");
  const columnNames = columnsHeader?.value
    .split(separator)
    .map((name) => name.trim());
  const columnCount = columnNames?.length ?? records[0]?.fields.length ?? 0;

  const special = new Map<string, number>();
  for (const key of [
    "tags column",
    "deck column",
    "guid column",
    "notetype column",
  ]) {
    const header = headers.find((h) => h.key === key);
    if (!header) continue;
    const column = Number(header.value.trim());
    if (!Number.isInteger(column) || column < 1 || column > columnCount) {
      errors.push({
        line: header.line,
        message: `invalid #${key} '${header.value.trim()}'; use a column number from 1 to ${columnCount}`,
      });
    } else if ([...special.values()].includes(column - 1)) {
      errors.push({
        line: header.line,
        message: `#${key} names column ${column}, which another header already uses`,
      });
    } else {
      special.set(key, column - 1);
    }
  }

  // A rejected column header would make the field count below misleading.
  if (errors.length > errorsBefore) return undefined;

  const regular = [...Array(columnCount).keys()].filter(
    (column) => ![...special.values()].includes(column),
  );
  if ((records.length > 0 || columnsHeader) && regular.length !== 2) {
    errors.push({
      line: columnsHeader?.line ?? records[0].line,
      message: `the file has ${regular.length} note field${regular.length === 1 ? "" : "s"} besides tags, deck and GUID; Drillbook cards need exactly two, Front and Back`,
    });
  }
  if (regular.length !== 2) return undefined;

  // Named columns may come in either order: "Back<tab>Front".
  let [front, back] = regular;
  const nameOf = (column: number) => columnNames?.[column]?.toLowerCase();
  if (nameOf(front) === "back" && nameOf(back) === "front")
    [front, back] = [back, front];

  return {
    columnCount,
    front,
    back,
    tags: special.get("tags column"),
    deck: special.get("deck column"),
    guid: special.get("guid column"),
    fileTags: splitTags(headerValue(headers, "tags") ?? ""),
    fileDeck: headerValue(headers, "deck")?.trim() || undefined,
    html: htmlValue === "true",
  };
}

function readCard(
  record: ParsedRecord,
  layout: Layout,
  errors: AnkiImportError[],
): AnkiCard | undefined {
  const { fields, line } = record;
  if (fields.length !== layout.columnCount) {
    errors.push({
      line,
      message: `expected ${layout.columnCount} fields, found ${fields.length}; quote fields that contain the separator`,
    });
    return undefined;
  }

  const text = (value: string) => (layout.html ? htmlToText(value) : value);
  const front = text(fields[layout.front]);
  if (front.trim() === "") {
    errors.push({
      line,
      message: "the Front field is empty; every card needs a front",
    });
    return undefined;
  }

  const tags = layout.tags === undefined ? [] : splitTags(fields[layout.tags]);
  for (const tag of layout.fileTags) if (!tags.includes(tag)) tags.push(tag);

  const card: AnkiCard = { front, back: text(fields[layout.back]), tags };
  const deck =
    layout.deck === undefined
      ? layout.fileDeck
      : fields[layout.deck] || layout.fileDeck;
  if (deck) card.deck = deck;
  const guid = layout.guid === undefined ? "" : fields[layout.guid];
  if (guid) card.guid = guid;
  return card;
}

function splitTags(value: string): string[] {
  return value.split(/\s+/).filter((tag) => tag !== "");
}

const entities: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00A0",
};

/** Converts an HTML field to text: <br> to a line break, tags removed. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, name: string) => {
      if (!name.startsWith("#")) return entities[name.toLowerCase()] ?? entity;
      const hex = name[1] === "x" || name[1] === "X";
      const codePoint = hex
        ? Number.parseInt(name.slice(2), 16)
        : Number(name.slice(1));
      return codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    });
}

function sortErrors(errors: AnkiImportError[]): AnkiImportError[] {
  return errors.toSorted((a, b) => a.line - b.line);
}
