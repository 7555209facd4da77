import type { Dataset } from "./datasets";

/** Options of {@link parseCsvDataset}. */
export interface CsvDatasetOptions {
  /** Header name of the 0/1 label column; the last column by default. */
  labelColumn?: string;
}

/** Splits one CSV line, honouring double-quoted fields with "" escapes. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      fields.push(field);
      field = "";
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * Parses CSV text with a header row into a dataset: every column except the
 * label becomes a numeric feature, and the label column must hold 0 or 1
 * (also written 0.0/1.0, true/false). Blank lines are skipped.
 * @throws RangeError for an empty file, a missing label column, a row with
 * the wrong number of fields, a non-numeric or non-finite feature, or a
 * label other than 0 or 1, naming the line and column.
 */
export function parseCsvDataset(
  text: string,
  options: CsvDatasetOptions = {},
): Dataset {
  const lines = text.split(/\r?\n/).filter((line) => line.trim() !== "");
  if (lines.length < 2) {
    throw new RangeError(
      "CSV has no data rows; provide a header line and at least one row.",
    );
  }

  const header = splitCsvLine(lines[0]).map((name) => name.trim());
  const labelName = options.labelColumn ?? header[header.length - 1];
  const labelIndex = header.indexOf(labelName);
  if (labelIndex < 0) {
    throw new RangeError(
      `label column "${labelName}" not found; the header has ${header.join(", ")}.`,
    );
  }
  if (header.length < 2) {
    throw new RangeError(
      "CSV needs at least one feature column besides the label.",
    );
  }

  const featureNames = header.filter((_, j) => j !== labelIndex);
  const rows = lines.length - 1;
  const cols = featureNames.length;
  const data = new Float64Array(rows * cols);
  const y = new Uint8Array(rows);

  for (let i = 0; i < rows; i++) {
    const lineNumber = i + 2;
    const fields = splitCsvLine(lines[i + 1]);
    if (fields.length !== header.length) {
      throw new RangeError(
        `CSV line ${lineNumber} has ${fields.length} fields; the header has ${header.length}.`,
      );
    }
    let col = 0;
    for (let j = 0; j < fields.length; j++) {
      const raw = fields[j].trim();
      if (j === labelIndex) {
        y[i] = parseLabel(raw, lineNumber, labelName);
        continue;
      }
      const value = raw === "" ? Number.NaN : Number(raw);
      if (!Number.isFinite(value)) {
        throw new RangeError(
          `CSV line ${lineNumber}, column "${header[j]}": "${raw}" is not a finite number.`,
        );
      }
      data[i * cols + col] = value;
      col++;
    }
  }

  return { featureNames, labelName, x: { rows, cols, data }, y };
}

function parseLabel(raw: string, lineNumber: number, labelName: string): 0 | 1 {
  const lower = raw.toLowerCase();
  if (lower === "1" || lower === "1.0" || lower === "true") return 1;
  if (lower === "0" || lower === "0.0" || lower === "false") return 0;
  throw new RangeError(
    `CSV line ${lineNumber}, label "${labelName}": "${raw}" is not 0 or 1.`,
  );
}
