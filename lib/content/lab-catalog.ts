import { labDefinitions } from "@/lib/labs/registry";

/** The labs a lab question may name, each with its choice-question rules. */
export type LabCatalog = ReadonlyMap<string, readonly string[]>;

/** Builds the catalog of the labs defined in lib/labs. */
export function labCatalog(): LabCatalog {
  return new Map(
    [...labDefinitions.values()].map((definition) => [
      definition.slug,
      Object.keys(definition.rules),
    ]),
  );
}
