import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { parse as parseYaml } from "yaml";

import {
  bundleToFiles,
  deckFilePath,
  drillFilePath,
  topicsFilePath,
} from "@/lib/content/format";
import { importContent } from "@/lib/content/import";
import type { ImportSummary } from "@/lib/content/import-summary";
import { loadContent } from "@/lib/content/load";
import type { ContentProblem } from "@/lib/content/problems";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { writeAudit } from "./audit";
import { loadBaseBundle } from "./check-bundle";
import { snapshotAllItems } from "./content-versions";

/** One uploaded or pasted file. */
export interface UploadedFile {
  /** The file's name as uploaded, e.g. "02-class-imbalance.yaml"; empty for pasted text. */
  name: string;
  text: string;
}

/** Most files accepted in one import. */
export const maxImportFiles = 50;
/** Largest file accepted, in characters. */
export const maxImportFileCharacters = 1_000_000;

/** The outcome of an import. */
export type ImportOutcome =
  | {
      ok: true;
      applied: boolean;
      /** Where each upload went in the content folder, in upload order. */
      placed: string[];
      summary: ImportSummary | null;
    }
  | { ok: false; problems: ContentProblem[] };

/**
 * Imports uploaded content files with the loader and importer of
 * lib/content. The uploads are laid over the published content, exported
 * as files (an uploaded drill or deck replaces the stored one with the same
 * slug, an uploaded topics.yaml the stored topics), and the resulting
 * folder is loaded and checked in full: YAML syntax, every schema and the
 * checks across files. Every problem comes back with its file, line and
 * field, and nothing is written when there is any. Otherwise importContent
 * applies the folder in one transaction; content not uploaded is exported
 * content, so it comes back unchanged and nothing is unpublished.
 *
 * Every item's state before and after is kept as a ContentVersion, so the
 * import shows in each changed item's history, and one audit row records
 * the import.
 *
 * @param options.dryRun check only, write nothing.
 * @throws UserError when the stored content itself does not validate.
 */
export async function importFiles(
  prisma: PrismaClient,
  uploads: UploadedFile[],
  options: { actorId: string; dryRun?: boolean },
): Promise<ImportOutcome> {
  const limits = checkLimits(uploads);
  if (limits.length > 0) return { ok: false, problems: limits };

  const base = await loadBaseBundle(prisma);
  const files = bundleToFiles(base);
  const drillPaths = new Map(
    base.drills.map((drill) => [drill.slug, drillFilePath(drill)]),
  );
  const deckPaths = new Map(
    base.decks.map((deck) => [deck.slug, deckFilePath(deck)]),
  );

  const placed: string[] = [];
  const shownAs = new Map<string, string>();
  const problems: ContentProblem[] = [];
  for (const [index, upload] of uploads.entries()) {
    const placement = placeUpload(upload, index);
    if (placement.replaces) {
      const stored =
        placement.kind === "drill"
          ? drillPaths.get(placement.replaces)
          : deckPaths.get(placement.replaces);
      if (stored) files.delete(stored);
    }
    if (shownAs.has(placement.path)) {
      problems.push({
        file: placement.label,
        line: null,
        path: "",
        message: `this file goes to ${placement.path}, like ${shownAs.get(placement.path)}: upload each drill or deck once`,
      });
      continue;
    }
    files.set(placement.path, upload.text);
    shownAs.set(placement.path, placement.label);
    placed.push(placement.path);
  }
  if (problems.length > 0) return { ok: false, problems };

  const folder = await mkdtemp(path.join(tmpdir(), "drillbook-import-"));
  let loaded: Awaited<ReturnType<typeof loadContent>>;
  try {
    for (const [relative, text] of files) {
      const target = path.join(folder, relative);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text, "utf8");
    }
    loaded = await loadContent(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }

  if (!loaded.ok) {
    const prefix = `${folder.split(path.sep).join("/")}/`;
    return {
      ok: false,
      problems: loaded.problems.map((problem) => {
        const relative = problem.file.startsWith(prefix)
          ? problem.file.slice(prefix.length)
          : problem.file;
        const label = shownAs.get(relative) ?? `${relative} (stored content)`;
        return { ...problem, file: label };
      }),
    };
  }
  if (options.dryRun)
    return { ok: true, applied: false, placed, summary: null };

  await snapshotAllItems(prisma, null);
  const summary = await importContent(prisma, loaded.bundle);
  await snapshotAllItems(prisma, options.actorId);
  await writeAudit(prisma, {
    actorId: options.actorId,
    action: "content.import",
    entityType: "content",
    entityId: null,
    detail: {
      files: placed,
      summary: summary as unknown as Record<string, number>,
    },
  });
  return { ok: true, applied: true, placed, summary };
}

function checkLimits(uploads: UploadedFile[]): ContentProblem[] {
  if (uploads.length === 0) {
    return [
      {
        file: "(upload)",
        line: null,
        path: "",
        message: "no files: choose files or paste a file's text",
      },
    ];
  }
  if (uploads.length > maxImportFiles) {
    return [
      {
        file: "(upload)",
        line: null,
        path: "",
        message: `${uploads.length} files: import at most ${maxImportFiles} at once`,
      },
    ];
  }
  return uploads
    .map((upload, index) => ({ upload, index }))
    .filter(({ upload }) => upload.text.length > maxImportFileCharacters)
    .map(({ upload, index }) => ({
      file: labelOf(upload, index),
      line: null,
      path: "",
      message: `${upload.text.length} characters: a content file may have at most ${maxImportFileCharacters}`,
    }));
}

function labelOf(upload: UploadedFile, index: number): string {
  return upload.name.trim() === ""
    ? `pasted text ${index + 1}`
    : upload.name.trim();
}

interface Placement {
  /** Path in the content folder. */
  path: string;
  /** How problems name the file. */
  label: string;
  kind: "drill" | "deck" | "topics" | "unknown";
  /** Slug of the stored drill or deck that this file replaces. */
  replaces: string | null;
}

/**
 * Decides where an upload goes in the content folder from what it contains:
 * a lab page (with its drill and parameters) goes under labs/, a list of
 * questions makes a drill file, a list of cards a deck file, a list of
 * topics topics.yaml. An uploaded file keeps its own name in that
 * folder, so a name that does not match its number and slug is reported by
 * the loader; pasted text gets the name its content calls for. Text that is
 * not YAML keeps its name and is reported by the loader.
 */
function placeUpload(upload: UploadedFile, index: number): Placement {
  const label = labelOf(upload, index);
  const base = path.posix.basename(upload.name.trim().replaceAll("\\", "/"));
  const given = upload.name
    .trim()
    .replaceAll("\\", "/")
    .replace(/^\.?\//, "");
  // A lab page file named with its folder ("labs/ctr.yaml") goes there; the
  // loader checks it and a stored file of the same name is replaced.
  if (given.split("/").slice(-2, -1)[0] === "labs") {
    return { path: `labs/${base}`, label, kind: "unknown", replaces: null };
  }
  let data: unknown = null;
  try {
    data = parseYaml(upload.text);
  } catch {
    // Not YAML: place it by its name so the loader reports the syntax
    // error with its line.
    if (base === topicsFilePath)
      return { path: topicsFilePath, label, kind: "topics", replaces: null };
    const folder = /^\d/.test(base) || base === "" ? "drills" : "decks";
    const name = base !== "" ? base : `pasted-${index + 1}.yaml`;
    return {
      path: `${folder}/${name}`,
      label,
      kind: "unknown",
      replaces: null,
    };
  }
  const object = (
    typeof data === "object" && data !== null ? data : {}
  ) as Record<string, unknown>;
  const slug = typeof object.slug === "string" ? object.slug : null;

  if ("topics" in object)
    return { path: topicsFilePath, label, kind: "topics", replaces: null };
  // A lab page names its drill and its parameters; it has questions too,
  // so it is recognized before drill files.
  if ("drill" in object && "parameters" in object) {
    const name = base !== "" ? base : `${slug ?? `pasted-${index + 1}`}.yaml`;
    return { path: `labs/${name}`, label, kind: "unknown", replaces: null };
  }
  if ("questions" in object || "number" in object) {
    const name =
      base !== ""
        ? base
        : drillFilePath({
            number: Number(object.number),
            slug: slug ?? "drill",
          }).slice("drills/".length);
    return { path: `drills/${name}`, label, kind: "drill", replaces: slug };
  }
  if ("cards" in object) {
    const name =
      base !== ""
        ? base
        : deckFilePath({ slug: slug ?? "deck" }).slice("decks/".length);
    return { path: `decks/${name}`, label, kind: "deck", replaces: slug };
  }
  const name = base !== "" ? base : `pasted-${index + 1}.yaml`;
  return { path: `uploads/${name}`, label, kind: "unknown", replaces: null };
}
