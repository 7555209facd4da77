/**
 * Line numbers of the records in an Anki text file that lib/cards/anki.ts
 * has already parsed without errors. importAnki returns cards without
 * their lines, and checks made after parsing (an empty Back, a repeated
 * Front) must name the line, so this scan repeats the parser's record
 * splitting: header lines at the top, then records with RFC 4180 quoting
 * in which a quoted field may span lines, skipping blank lines and lines
 * that start with "#".
 */

const namedSeparators: Record<string, string> = {
  tab: "\t",
  comma: ",",
  semicolon: ";",
  space: " ",
  pipe: "|",
  colon: ":",
};

function separatorOf(
  headerValue: string | undefined,
  firstDataLine: string,
): string {
  if (headerValue !== undefined) {
    const value = headerValue.trim() === "" ? headerValue : headerValue.trim();
    return namedSeparators[value.toLowerCase()] ?? value;
  }
  const unquoted = firstDataLine.replace(/"(?:[^"]|"")*"/g, "");
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
 * Returns the 1-based line on which each record starts, in file order, so
 * that record k of the file is card k of importAnki's result. The
 * separator comes from a `#separator:` header, else from the first data
 * line, as in importAnki called without a separator option.
 */
export function ankiRecordLines(text: string): number[] {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let position = 0;
  let line = 1;
  let separatorHeader: string | undefined;

  while (source.startsWith("#", position)) {
    const newline = source.indexOf("\n", position);
    const end = newline === -1 ? source.length : newline;
    const header = /^#separator:(.*)$/i.exec(
      source.slice(position, end).replace(/\r$/, ""),
    );
    if (header) separatorHeader = header[1];
    position = newline === -1 ? source.length : newline + 1;
    line++;
  }

  const body = source.slice(position);
  const firstDataLine =
    body.split("\n").find((row) => row.trim() !== "" && !row.startsWith("#")) ??
    "";
  const separator = separatorOf(separatorHeader, firstDataLine);

  const starts: number[] = [];
  let i = 0;
  const skipLineBreak = () => {
    i += body.startsWith("\r\n", i) ? 2 : 1;
    line++;
  };
  const skipRestOfLine = () => {
    while (i < body.length && body[i] !== "\n" && body[i] !== "\r") i++;
    if (i < body.length) skipLineBreak();
  };

  while (i < body.length) {
    const lineEnd = body.slice(i).search(/\r|\n/);
    const physical =
      lineEnd === -1 ? body.slice(i) : body.slice(i, i + lineEnd);
    if (body[i] === "#" || physical.trim() === "") {
      skipRestOfLine();
      continue;
    }

    starts.push(line);
    for (;;) {
      if (body[i] === '"') {
        i++;
        while (i < body.length) {
          if (body[i] === '"') {
            if (body[i + 1] === '"') {
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (body[i] === "\n" || (body[i] === "\r" && body[i + 1] !== "\n"))
            line++;
          i++;
        }
      } else {
        while (
          i < body.length &&
          !body.startsWith(separator, i) &&
          body[i] !== "\n" &&
          body[i] !== "\r"
        ) {
          i++;
        }
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
      // Text after a closing quote makes importAnki reject the file, so
      // the lines no longer matter. Move on to the next line.
      skipRestOfLine();
      break;
    }
  }
  return starts;
}
