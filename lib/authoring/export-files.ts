import {
  bundleToFiles,
  deckFilePath,
  drillFilePath,
  toCanonicalYaml,
} from "@/lib/content/format";
import { deckFileSchema, drillFileSchema } from "@/lib/content/schema";
import { UserError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import { loadBaseBundle } from "./check-bundle";
import { loadDeckFile, loadDrillFile } from "./db-files";

/** What to export: everything, or one drill, deck or rubric. */
export type ExportScope =
  | { kind: "all" }
  | { kind: "drill"; id: string }
  | { kind: "deck"; id: string }
  | { kind: "rubric"; id: string };

/** One exported file: its path in a content folder and its canonical YAML. */
export interface ExportedFile {
  path: string;
  text: string;
}

/**
 * Exports content in the format of the content/ folder, with the exporter
 * and the canonical YAML writer of lib/content, so exported files import
 * back unchanged. "all" is every published drill and deck with topics.yaml;
 * a drill or deck is its one file, with its published questions or cards;
 * a rubric is the file of the drill that contains it, because rubrics live
 * inside drill files.
 *
 * @throws UserError when the item does not exist, a rubric belongs to no
 *   drill, or the stored item does not make a valid file.
 */
export async function exportFiles(
  prisma: PrismaClient,
  scope: ExportScope,
): Promise<ExportedFile[]> {
  if (scope.kind === "all") {
    const files = bundleToFiles(await loadBaseBundle(prisma));
    return [...files].map(([path, text]) => ({ path, text }));
  }

  if (scope.kind === "deck") {
    const deck = await loadDeckFile(prisma, scope.id);
    if (!deck)
      throw new UserError(
        "This deck does not exist. Reload the list of decks.",
      );
    const parsed = deckFileSchema.safeParse(deck.file);
    if (!parsed.success) {
      throw new UserError(
        `Deck "${deck.file.slug}" cannot be exported yet: a deck file needs at least one published card with every field filled in.`,
      );
    }
    return [
      { path: deckFilePath(parsed.data), text: toCanonicalYaml(parsed.data) },
    ];
  }

  let drillIds: string[];
  if (scope.kind === "rubric") {
    const rubric = await prisma.rubric.findUnique({
      where: { id: scope.id },
      select: {
        slug: true,
        drills: { select: { id: true }, orderBy: { number: "asc" } },
      },
    });
    if (!rubric)
      throw new UserError(
        "This rubric does not exist. Reload the list of rubrics.",
      );
    if (rubric.drills.length === 0) {
      throw new UserError(
        `Rubric "${rubric.slug}" belongs to no drill, and content files keep rubrics inside drill files. Choose it as a drill's rubric, then export.`,
      );
    }
    drillIds = rubric.drills.map((drill) => drill.id);
  } else {
    drillIds = [scope.id];
  }

  const files: ExportedFile[] = [];
  for (const id of drillIds) {
    const drill = await loadDrillFile(prisma, id);
    if (!drill)
      throw new UserError(
        "This drill does not exist. Reload the list of drills.",
      );
    const parsed = drillFileSchema.safeParse(drill.file);
    if (!parsed.success) {
      throw new UserError(
        `Drill "${drill.file.slug}" cannot be exported yet: a drill file needs at least one published question and every required field.`,
      );
    }
    files.push({
      path: drillFilePath(parsed.data),
      text: toCanonicalYaml(parsed.data),
    });
  }
  return files;
}
