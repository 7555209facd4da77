import type { Metadata } from "next";

import { DeckEditor } from "@/components/authoring/deck-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { loadDraft } from "@/lib/authoring/drafts";
import { completeForm, type DeckForm } from "@/lib/authoring/forms";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "New deck · Authoring" };

export default async function NewDeckPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string }>;
}) {
  const user = await authorForPage("/author/decks/new");
  if (!user) return <AuthorForbidden />;
  const { draft: draftId } = await searchParams;
  const draft = draftId ? await loadDraft(prisma, user, draftId) : null;
  const initialForm: DeckForm =
    draft?.entityType === "deck"
      ? (draft.form as DeckForm)
      : completeForm("deck", {});
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New deck</h1>
      <DeckEditor
        entityId={null}
        initialForm={initialForm}
        baseVersion={null}
        initialDraftId={draft?.entityType === "deck" ? draft.id : null}
      />
    </div>
  );
}
