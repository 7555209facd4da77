import { describe, expect, it } from "vitest";

import { deckSlugFromName } from "@/lib/review/anki-import";

describe("deckSlugFromName", () => {
  it.each([
    ["model-selection", "model-selection"],
    ["Model Selection", "model-selection"],
    ["ML::Imbalance", "ml-imbalance"],
    ["  Données d'entraînement ", "donnees-d-entrainement"],
    ["---", ""],
  ])("%s becomes %s", (name, slug) => {
    expect(deckSlugFromName(name)).toBe(slug);
  });
});
