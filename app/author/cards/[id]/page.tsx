import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { FlashcardEditor } from "@/components/authoring/deck-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { VisibilityButton } from "@/components/authoring/item-actions";
import { ensureCurrentVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { findOwnDraft } from "@/lib/authoring/drafts";
import { historyPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "Edit card · Authoring" };

export default async function EditCardPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/cards/${id}`);
  if (!user) return <AuthorForbidden />;
  const version = await ensureCurrentVersion(prisma, "flashcard", id);
  const current = await loadCurrentItem(prisma, "flashcard", id);
  if (!current || version === null) notFound();
  const [draft, decks, topics] = await Promise.all([
    findOwnDraft(prisma, user.id, "flashcard", id),
    prisma.deck.findMany({
      orderBy: { title: "asc" },
      select: { id: true, title: true },
    }),
    prisma.topic.findMany({
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
  ]);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Card {current.label}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            Version {version} ·{" "}
            {current.published ? "shown to learners" : "hidden from learners"}
          </span>
          <Link
            href={`/author/decks/${current.form.deckId}`}
            className="text-indigo-700"
          >
            Deck
          </Link>
          <Link
            href={historyPathOf("flashcard", id)}
            className="text-indigo-700"
          >
            History
          </Link>
          <VisibilityButton
            entityType="flashcard"
            entityId={id}
            published={current.published}
          />
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Learners keep their review history and schedule for a card when it
        changes.
      </p>
      <FlashcardEditor
        entityId={id}
        initialForm={draft?.form ?? current.form}
        storedForm={current.form}
        baseVersion={version}
        initialDraftId={draft?.id ?? null}
        decks={decks}
        topics={topics}
      />
    </div>
  );
}
