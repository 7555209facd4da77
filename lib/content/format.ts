import { Document, isScalar, Scalar, visit } from "yaml";

import { labFileSchema, type LabFile } from "./lab-schema";
import {
  deckFileSchema,
  drillFileSchema,
  topicsFileSchema,
  type ContentBundle,
  type DeckFile,
  type DrillFile,
} from "./schema";

/**
 * The canonical form of content files. The exporter writes it, and the files
 * in content/ are kept in it, so importing then exporting reproduces them
 * byte for byte:
 * - keys in schema order (zod returns parsed objects in that order);
 * - topics sorted by slug, because the database stores no topic order;
 * - two-space indentation, lines folded at 80 characters;
 * - text with a line break as a literal block (`|` or `|-`);
 * - lists of plain values under `tags`, `correct` and `criteria` inline
 *   (`[a, b]`), every other list one item per line.
 * YAML comments are not part of the content, so they do not survive.
 */

export const topicsFilePath = "topics.yaml";

/** Path of a drill's file in the content folder, e.g. "drills/02-class-imbalance.yaml". */
export function drillFilePath(
  drill: Pick<DrillFile, "number" | "slug">,
): string {
  return `drills/${String(drill.number).padStart(2, "0")}-${drill.slug}.yaml`;
}

/** Path of a deck's file in the content folder, e.g. "decks/model-selection.yaml". */
export function deckFilePath(deck: Pick<DeckFile, "slug">): string {
  return `decks/${deck.slug}.yaml`;
}

/** Path of a lab page's file in the content folder, e.g. "labs/label-noise.yaml". */
export function labFilePath(lab: Pick<LabFile, "slug">): string {
  return `labs/${lab.slug}.yaml`;
}

const inlineListKeys = new Set(["tags", "correct", "criteria"]);

/** Serializes validated content data as canonical YAML. */
export function toCanonicalYaml(data: unknown): string {
  const document = new Document(data);
  visit(document, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        inlineListKeys.has(String(pair.key.value)) &&
        pair.value !== null &&
        typeof pair.value === "object" &&
        "items" in pair.value &&
        Array.isArray(pair.value.items) &&
        pair.value.items.every((item: unknown) => isScalar(item))
      ) {
        (pair.value as { flow?: boolean }).flow = true;
      }
    },
    Scalar(_, scalar) {
      if (typeof scalar.value === "string" && scalar.value.includes("\n")) {
        scalar.type = Scalar.BLOCK_LITERAL;
      }
    },
  });
  return document.toString({
    indent: 2,
    indentSeq: true,
    lineWidth: 80,
    minContentWidth: 20,
    flowCollectionPadding: false,
  });
}

/**
 * Renders a bundle as the files of a content folder, keyed by path relative
 * to the folder. Each file's data goes through its schema first, which puts
 * keys in canonical order whatever order the caller built them in.
 *
 * @throws ZodError when the bundle does not satisfy the file schemas.
 */
export function bundleToFiles(bundle: ContentBundle): Map<string, string> {
  const files = new Map<string, string>();
  files.set(
    topicsFilePath,
    toCanonicalYaml(
      topicsFileSchema.parse({ topics: sortBySlug(bundle.topics) }),
    ),
  );
  for (const drill of bundle.drills) {
    files.set(
      drillFilePath(drill),
      toCanonicalYaml(drillFileSchema.parse(drill)),
    );
  }
  for (const deck of bundle.decks) {
    files.set(deckFilePath(deck), toCanonicalYaml(deckFileSchema.parse(deck)));
  }
  for (const lab of bundle.labs) {
    files.set(labFilePath(lab), toCanonicalYaml(labFileSchema.parse(lab)));
  }
  return files;
}

/**
 * Topics in slug order. The database keeps no order for topics, so the
 * canonical topics.yaml lists them alphabetically.
 */
function sortBySlug<T extends { slug: string }>(items: T[]): T[] {
  return [...items].sort((a, b) =>
    a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0,
  );
}
