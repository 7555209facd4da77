import { deckFilePath } from "@/lib/content/format";
import {
  deckFileSchema,
  flashcardSchema,
  type DeckFile,
  type Flashcard,
} from "@/lib/content/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";

import {
  checkBundle,
  fixedSlugMessage,
  hasErrors,
  loadBaseBundle,
  withDeck,
} from "./check-bundle";
import { loadDeckFile, type DeckWithFile } from "./db-files";
import { addFieldError, type FieldErrors } from "./errors";
import { flashcardFieldKey, stripPrefix } from "./field-paths";
import type { DeckForm, FlashcardForm } from "./forms";
import { deckFieldsOf, flashcardFileOf } from "./to-file";

/** The outcome of checking a deck form for publishing. */
export type DeckCheck =
  | { ok: true; file: Omit<DeckFile, "cards"> }
  | { ok: false; fieldErrors: FieldErrors };

/** The outcome of checking a flashcard form for publishing. */
export type FlashcardCheck =
  | { ok: true; file: Flashcard; deck: DeckWithFile }
  | { ok: false; fieldErrors: FieldErrors };

/**
 * Checks a deck form (slug, title, description) against the deck file
 * schema, with the deck's published cards. A deck without cards passes
 * except for that one rule; it is left out of exports until it has a card.
 *
 * @param deckId the stored deck being edited, or null for a new one.
 */
export async function checkDeckForm(
  prisma: PrismaClient,
  form: DeckForm,
  deckId: string | null,
): Promise<DeckCheck> {
  const errors: FieldErrors = {};
  const stored = deckId ? await loadDeckFile(prisma, deckId) : null;
  if (deckId && !stored) {
    addFieldError(
      errors,
      "_",
      "this deck no longer exists: reload the list of decks",
    );
    return { ok: false, fieldErrors: errors };
  }
  if (stored && stored.file.slug !== form.slug)
    addFieldError(errors, "slug", fixedSlugMessage);
  if (!stored && form.slug !== "") {
    const taken = await prisma.deck.findUnique({
      where: { slug: form.slug },
      select: { id: true },
    });
    if (taken)
      addFieldError(
        errors,
        "slug",
        `slug "${form.slug}" is already used by another deck: choose another`,
      );
  }

  const cards = stored?.file.cards ?? [];
  const file = { ...deckFieldsOf(form), cards };
  const bundle = withDeck(
    await loadBaseBundle(prisma),
    file,
    stored?.file.slug ?? null,
  );
  const found = checkBundle(
    bundle,
    deckFilePath(file as unknown as DeckFile),
    (path) => {
      const [head] = path;
      if (head === "cards" && path.length === 1 && cards.length === 0)
        return null;
      if (head === "slug" || head === "title" || head === "description")
        return head;
      return "_";
    },
  );
  for (const [key, messages] of Object.entries(found)) {
    for (const message of messages) addFieldError(errors, key, message);
  }
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors };

  const { cards: _cards, ...fields } = deckFileSchema.parse({
    ...file,
    cards: cards.length > 0 ? cards : [standInCard],
  });
  void _cards;
  return { ok: true, file: fields };
}

const standInCard = {
  slug: "stand-in",
  topic: "stand-in",
  level: "E5",
  tags: ["stand-in"],
  front: "stand-in",
  back: "stand-in",
};

/**
 * Checks a flashcard form as publishing would: the card is put into its
 * deck's file in place of its stored version (or last when new) and the
 * content validated as a whole, which also checks its topic and that its
 * slug is unique across all decks. Hidden cards are checked too, from the
 * database, because their slugs stay taken.
 *
 * @param cardId the stored card being edited, or null for a new one.
 */
export async function checkFlashcardForm(
  prisma: PrismaClient,
  form: FlashcardForm,
  cardId: string | null,
): Promise<FlashcardCheck> {
  const errors: FieldErrors = {};
  const deck = form.deckId ? await loadDeckFile(prisma, form.deckId) : null;
  if (!deck) {
    addFieldError(
      errors,
      "deckId",
      "missing: choose the deck this card belongs to",
    );
    return { ok: false, fieldErrors: errors };
  }

  const stored = cardId
    ? await prisma.flashcard.findUnique({
        where: { id: cardId },
        select: { slug: true },
      })
    : null;
  if (stored && stored.slug !== form.slug)
    addFieldError(errors, "slug", fixedSlugMessage);
  if (!stored && form.slug !== "") {
    const taken = await prisma.flashcard.findUnique({
      where: { slug: form.slug },
      select: { id: true },
    });
    if (taken)
      addFieldError(
        errors,
        "slug",
        `slug "${form.slug}" is already used by another card (perhaps a hidden one): card slugs are unique across all decks, so choose another`,
      );
  }

  const file = flashcardFileOf(form);
  const cards: unknown[] = [...deck.file.cards];
  let index = cardId ? deck.cardIds.indexOf(cardId) : -1;
  if (index === -1) {
    index = cards.length;
    cards.push(file);
  } else {
    cards[index] = file;
  }

  const bundle = withDeck(
    await loadBaseBundle(prisma),
    { ...deck.file, cards },
    deck.file.slug,
  );
  const found = checkBundle(bundle, deckFilePath(deck.file), (path) => {
    const rest = stripPrefix(path, ["cards", index]);
    return rest === null ? "_" : flashcardFieldKey(rest);
  });
  for (const [key, messages] of Object.entries(found)) {
    for (const message of messages) {
      if (!errors[key]?.includes(message)) addFieldError(errors, key, message);
    }
  }
  if (hasErrors(errors)) return { ok: false, fieldErrors: errors };
  return { ok: true, file: flashcardSchema.parse(file), deck };
}
