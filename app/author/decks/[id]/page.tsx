import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DeckEditor } from "@/components/authoring/deck-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { VisibilityButton } from "@/components/authoring/item-actions";
import { ensureCurrentVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { findOwnDraft } from "@/lib/authoring/drafts";
import { historyPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "Edit deck · Authoring" };

export default async function EditDeckPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/decks/${id}`);
  if (!user) return <AuthorForbidden />;
  const version = await ensureCurrentVersion(prisma, "deck", id);
  const current = await loadCurrentItem(prisma, "deck", id);
  if (!current || version === null) notFound();
  const [draft, cards] = await Promise.all([
    findOwnDraft(prisma, user.id, "deck", id),
    prisma.flashcard.findMany({
      where: { deckId: id },
      orderBy: { position: "asc" },
      select: {
        id: true,
        slug: true,
        front: true,
        level: true,
        version: true,
        published: true,
      },
    }),
  ]);
  const shown = cards.filter((card) => card.published).length;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Deck: {current.label}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>Version {version}</span>
          <Link href={historyPathOf("deck", id)} className="text-indigo-700">
            History
          </Link>
          {cards.length > 0 && (
            <VisibilityButton
              entityType="deck"
              entityId={id}
              published={shown > 0}
            />
          )}
        </div>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Cards</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">Card</th>
                <th className="py-1 pr-2">Front</th>
                <th className="py-1 pr-2">Level</th>
                <th className="py-1 pr-2">Version</th>
                <th className="py-1 pr-2">Shown</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((card) => (
                <tr
                  key={card.id}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="py-1 pr-2">
                    <Link
                      href={`/author/cards/${card.id}`}
                      className="text-indigo-700"
                    >
                      {card.slug}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">
                    {card.front.slice(0, 90)}
                    {card.front.length > 90 ? "…" : ""}
                  </td>
                  <td className="py-1 pr-2">{card.level}</td>
                  <td className="py-1 pr-2 tabular-nums">{card.version}</td>
                  <td className="py-1 pr-2">
                    {card.published ? "yes" : "hidden"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Link
          href={`/author/cards/new?deck=${id}`}
          className="inline-block rounded border border-slate-300 bg-white px-2 py-0.5 text-sm hover:bg-slate-100"
        >
          Add a card
        </Link>
      </section>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Deck details</h2>
        <DeckEditor
          entityId={id}
          initialForm={draft?.form ?? current.form}
          storedForm={current.form}
          baseVersion={version}
          initialDraftId={draft?.id ?? null}
        />
      </section>
    </div>
  );
}
