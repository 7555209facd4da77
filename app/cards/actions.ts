"use server";

import { z } from "zod";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { importAnkiCards } from "@/lib/review/anki-import";
import { maxImportCharacters } from "@/lib/review/anki-limits";
import { setCardSuspended } from "@/lib/review/suspension";

export const setCardSuspendedAction = defineAction({
  name: "cards.setSuspended",
  access: "user",
  input: z.strictObject({
    cardId: z.string().min(1).max(64),
    suspended: z.boolean(),
  }),
  async handler(input, { user }) {
    return setCardSuspended(prisma, user!.id, input.cardId, input.suspended);
  },
});

export const importAnkiCardsAction = defineAction({
  name: "cards.importAnki",
  access: "instructor",
  input: z.strictObject({
    fileText: z
      .string()
      .min(1, { error: "The file is empty. Paste cards or choose a file." })
      .max(maxImportCharacters, {
        error: `The file is longer than ${maxImportCharacters.toLocaleString("en")} characters. Split it into smaller files.`,
      }),
    deck: z
      .string()
      .trim()
      .min(1, { error: "Enter the deck to import into." })
      .max(200),
  }),
  async handler(input, { user }) {
    const summary = await importAnkiCards(prisma, user!, input.fileText, {
      deck: input.deck,
    });
    log.info({ userId: user!.id, ...summary }, "anki cards imported");
    return summary;
  },
});
