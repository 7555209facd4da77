import type { Metadata } from "next";
import { forbidden, redirect } from "next/navigation";

import { AnkiImportForm } from "@/components/review/anki-import-form";
import { getSessionUser, hasAccess } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { maxImportCharacters } from "@/lib/review/anki-limits";

export const metadata: Metadata = { title: "Import cards" };

export default async function ImportCardsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/cards/import");

  if (!hasAccess(user, "instructor")) forbidden();

  const decks = await prisma.deck.findMany({
    orderBy: { slug: "asc" },
    select: { slug: true, title: true },
  });

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-semibold">Import cards from Anki</h1>
      <p className="text-sm text-slate-700">
        Export notes from Anki as &ldquo;Notes in Plain Text&rdquo; (.txt,
        tab-separated) or paste CSV/TSV. The first column is the front, the
        second the back; Anki header lines such as <code>#separator:tab</code>,{" "}
        <code>#columns:</code>, <code>#tags column:</code> and{" "}
        <code>#deck column:</code> are read. A card whose front matches a card
        already in the deck replaces that card&apos;s back and tags. If any line
        is invalid, nothing is imported. Files up to{" "}
        {maxImportCharacters.toLocaleString("en")} characters.
      </p>
      <AnkiImportForm decks={decks} />
    </div>
  );
}
