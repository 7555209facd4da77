import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import {
  LineCounter,
  parseDocument,
  type Document,
  type YAMLError,
} from "yaml";
import type { z } from "zod";

import {
  checkAcrossFiles,
  type ContentFiles,
  type SourcedFile,
} from "./cross-checks";
import { topicsFilePath } from "./format";
import { labCatalog, type LabCatalog } from "./lab-catalog";
import { labFileSchema } from "./lab-schema";
import { contentErrorMap, issueMessages } from "./issue-messages";
import { nulCharacterMessage, nulCharacterPaths } from "./nul-characters";
import { lineOfPath } from "./positions";
import {
  ContentValidationError,
  formatFieldPath,
  sortProblems,
  type ContentProblem,
} from "./problems";
import {
  deckFileSchema,
  drillFileSchema,
  topicsFileSchema,
  type ContentBundle,
} from "./schema";

export interface LoadOptions {
  /** Labs that lab questions may name; the labs of lib/labs by default. */
  labs?: LabCatalog;
}

/** The outcome of reading a content folder. */
export type LoadResult =
  | { ok: true; bundle: ContentBundle; files: ContentFiles }
  | { ok: false; problems: ContentProblem[] };

interface ParsedFile {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  /** Path shown to the author, e.g. "content/drills/01-model-progression.yaml". */
  display: string;
  document: Document.Parsed;
  lineCounter: LineCounter;
}

/**
 * Folders of drill, deck and lab page files; other files in the folder are
 * reported.
 */
const drillsFolder = "drills";
const decksFolder = "decks";
const labsFolder = "labs";

/**
 * Reads and validates every file of a content folder: `topics.yaml`,
 * `drills/*.yaml`, `decks/*.yaml` and `labs/*.yaml`.
 *
 * Every problem is collected before returning (YAML syntax, each file's
 * schema, then the checks across files), each with its file, line, field
 * path and what to change. Files are shown relative to the working
 * directory. Bad content is returned as problems, not thrown. Only a
 * file-system error, such as an unreadable folder or file, throws.
 */
export async function loadContent(
  folder: string,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const root = path.resolve(folder);
  const problems: ContentProblem[] = [];
  const display = (file: string) => displayPath(path.join(root, file));

  const rootStat = await stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) {
    return {
      ok: false,
      problems: [
        {
          file: displayPath(root),
          line: null,
          path: "",
          message:
            "content folder not found: pass the folder that contains topics.yaml",
        },
      ],
    };
  }

  const relativePaths = await listFiles(root);
  const drillPaths: string[] = [];
  const deckPaths: string[] = [];
  const labPaths: string[] = [];
  let hasTopics = false;
  for (const file of relativePaths) {
    const placement = classify(file);
    if (placement === "topics") hasTopics = true;
    else if (placement === "drill") drillPaths.push(file);
    else if (placement === "deck") deckPaths.push(file);
    else if (placement === "lab") labPaths.push(file);
    else if (placement !== "ignored") {
      problems.push({
        file: display(file),
        line: null,
        path: "",
        message: placement,
      });
    }
  }
  if (!hasTopics) {
    problems.push({
      file: display(topicsFilePath),
      line: null,
      path: "",
      message:
        "missing: every content folder needs a topics.yaml listing its topics",
    });
  }

  const files: ContentFiles = { topics: null, drills: [], decks: [], labs: [] };
  const parsedFiles = new Map<string, ParsedFile>();
  const parseFile = async (file: string) => {
    const parsed = await parseYamlFile(root, file, problems);
    if (parsed) parsedFiles.set(file, parsed);
    return parsed;
  };

  if (hasTopics) {
    const parsed = await parseFile(topicsFilePath);
    if (parsed) files.topics = validate(parsed, topicsFileSchema, problems);
  }
  const invalidDrillSlugs = new Set<string>();
  files.invalidDrillSlugs = invalidDrillSlugs;
  for (const file of drillPaths.sort()) {
    const parsed = await parseFile(file);
    const valid = parsed && validate(parsed, drillFileSchema, problems);
    if (valid) {
      files.drills.push(valid);
    } else {
      // Drill files are named NN-slug.yaml.
      const slug = path.basename(file, ".yaml").replace(/^\d+-/, "");
      invalidDrillSlugs.add(slug);
    }
  }
  for (const file of deckPaths.sort()) {
    const parsed = await parseFile(file);
    const valid = parsed && validate(parsed, deckFileSchema, problems);
    if (valid) files.decks.push(valid);
  }
  for (const file of labPaths.sort()) {
    const parsed = await parseFile(file);
    const valid = parsed && validate(parsed, labFileSchema, problems);
    if (valid) files.labs.push(valid);
  }

  for (const problem of checkAcrossFiles(files, options.labs ?? labCatalog())) {
    const parsed = parsedFiles.get(problem.file);
    problems.push({
      file: display(problem.file),
      line: parsed
        ? lineOfPath(parsed.document, parsed.lineCounter, problem.path)
        : null,
      path: formatFieldPath(problem.path),
      message: problem.message,
    });
  }

  if (problems.length > 0) {
    return { ok: false, problems: sortProblems(problems) };
  }
  return {
    ok: true,
    files,
    bundle: {
      topics: files.topics!.data.topics,
      drills: files.drills
        .map((drill) => drill.data)
        .sort((a, b) => a.number - b.number),
      decks: files.decks.map((deck) => deck.data),
      labs: files.labs.map((lab) => lab.data),
    },
  };
}

/**
 * Reads a content folder and returns its bundle.
 *
 * @throws ContentValidationError listing every problem when any file is invalid.
 */
export async function loadContentOrThrow(
  folder: string,
  options: LoadOptions = {},
): Promise<ContentBundle> {
  const result = await loadContent(folder, options);
  if (!result.ok) throw new ContentValidationError(result.problems);
  return result.bundle;
}

/** Shows a path relative to the working directory when it lies inside it. */
function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  if (
    relative === "" ||
    relative.startsWith("..") ||
    path.isAbsolute(relative)
  ) {
    return absolute.split(path.sep).join("/");
  }
  return relative.split(path.sep).join("/");
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path
        .relative(root, path.join(entry.parentPath, entry.name))
        .split(path.sep)
        .join("/"),
    )
    .sort();
}

/**
 * Says what a file in the content folder is, or why it is out of place.
 * Notes for authors (Markdown) and hidden files are left alone.
 */
function classify(
  file: string,
): "topics" | "drill" | "deck" | "lab" | "ignored" | string {
  const base = file.split("/").pop() ?? file;
  if (base.startsWith(".") || file.endsWith(".md")) return "ignored";
  if (file === topicsFilePath) return "topics";
  if (file.endsWith(".yml")) {
    return "use the .yaml extension: rename the file";
  }
  const parts = file.split("/");
  if (parts.length === 2 && file.endsWith(".yaml")) {
    if (parts[0] === drillsFolder) return "drill";
    if (parts[0] === decksFolder) return "deck";
    if (parts[0] === labsFolder) return "lab";
  }
  return `unexpected file: content lives in ${topicsFilePath}, ${drillsFolder}/*.yaml, ${decksFolder}/*.yaml and ${labsFolder}/*.yaml`;
}

/** Returns the yaml package's message without the position, which the problem already has. */
function yamlMessage(error: YAMLError): string {
  const firstLine = error.message.split("\n")[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, "");
}

/** Advice that usually fixes the YAML errors authors meet most often. */
const yamlAdvice: Partial<Record<YAMLError["code"], string>> = {
  BLOCK_AS_IMPLICIT_KEY:
    '. Text that contains ": " needs quotes, or write it as a block after `|` or `>-`',
  MULTILINE_IMPLICIT_KEY:
    '. Text that contains ": " needs quotes, or write it as a block after `|` or `>-`',
  DUPLICATE_KEY: ". Each field may appear once per object: remove one of them",
  TAB_AS_INDENT: ". Indent with spaces, not tabs",
  BAD_INDENT: ". Indent nested fields by two more spaces than their parent",
};

async function parseYamlFile(
  root: string,
  file: string,
  problems: ContentProblem[],
): Promise<ParsedFile | null> {
  const absolute = path.join(root, file);
  const display = displayPath(absolute);
  const text = await readFile(absolute, "utf8");
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
  });

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      problems.push({
        file: display,
        line: lineCounter.linePos(error.pos[0]).line,
        path: "",
        message: `invalid YAML: ${yamlMessage(error)}${yamlAdvice[error.code] ?? ""}`,
      });
    }
    return null;
  }

  return { file, display, document, lineCounter };
}

function validate<T>(
  parsed: ParsedFile,
  schema: z.ZodType<T>,
  problems: ContentProblem[],
): SourcedFile<T> | null {
  const data: unknown = parsed.document.toJS();
  const result = schema.safeParse(data, {
    error: contentErrorMap,
    reportInput: true,
  });
  const nulPaths = nulCharacterPaths(data);
  for (const fieldPath of nulPaths) {
    problems.push({
      file: parsed.display,
      line: lineOfPath(parsed.document, parsed.lineCounter, fieldPath),
      path: formatFieldPath(fieldPath),
      message: nulCharacterMessage,
    });
  }
  if (result.success && nulPaths.length === 0) {
    return { file: parsed.file, data: result.data };
  }
  if (result.success) return null;

  for (const issue of result.error.issues) {
    for (const { path: fieldPath, message } of issueMessages(issue)) {
      problems.push({
        file: parsed.display,
        line: lineOfPath(parsed.document, parsed.lineCounter, fieldPath),
        path: formatFieldPath(fieldPath),
        message,
      });
    }
  }
  return null;
}
