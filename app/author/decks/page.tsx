import type { Metadata } from "next";
import Link from "next/link";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listDecksForAuthoring } from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";

import { authorForPage } from "../access";

export const metadata: Metadata = { title: "Decks · Authoring" };

export default async function AuthorDecksPage() {
  const user = await authorForPage("/author/decks");
  if (!user) return <AuthorForbidden />;
  const decks = await listDecksForAuthoring(prisma);
  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Flashcard decks</h1>
        <Link
          href="/author/decks/new"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700"
        >
          New deck
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-2">Deck</th>
              <th className="py-1 pr-2">Cards shown / all</th>
            </tr>
          </thead>
          <tbody>
            {decks.map((deck) => (
              <tr key={deck.id} className="border-b border-slate-100">
                <td className="py-1 pr-2">
                  <Link
                    href={`/author/decks/${deck.id}`}
                    className="text-indigo-700"
                  >
                    {deck.title}
                  </Link>{" "}
                  <code className="text-xs text-slate-500">{deck.slug}</code>
                </td>
                <td className="py-1 pr-2 tabular-nums">
                  {deck.shownCards} / {deck.cards}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
