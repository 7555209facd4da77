import type { Metadata } from "next";

import { FlashcardEditor } from "@/components/authoring/deck-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { loadDraft } from "@/lib/authoring/drafts";
import { completeForm, type FlashcardForm } from "@/lib/authoring/forms";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "New card · Authoring" };

export default async function NewCardPage({
  searchParams,
}: {
  searchParams: Promise<{ deck?: string; draft?: string }>;
}) {
  const user = await authorForPage("/author/cards/new");
  if (!user) return <AuthorForbidden />;
  const query = await searchParams;
  const draft = query.draft ? await loadDraft(prisma, user, query.draft) : null;
  const [decks, topics] = await Promise.all([
    prisma.deck.findMany({
      orderBy: { title: "asc" },
      select: { id: true, title: true },
    }),
    prisma.topic.findMany({
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
  ]);
  const initialForm: FlashcardForm =
    draft?.entityType === "flashcard"
      ? (draft.form as FlashcardForm)
      : completeForm("flashcard", { deckId: query.deck ?? "", level: "E5" });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New card</h1>
      <FlashcardEditor
        entityId={null}
        initialForm={initialForm}
        baseVersion={null}
        initialDraftId={draft?.entityType === "flashcard" ? draft.id : null}
        decks={decks}
        topics={topics}
      />
    </div>
  );
}
