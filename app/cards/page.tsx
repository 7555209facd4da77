import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { CardSuspendToggle } from "@/components/review/card-suspend-toggle";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { formatDueAt } from "@/lib/review/format-interval";
import { listCardFilters, searchCards } from "@/lib/review/search";

export const metadata: Metadata = { title: "Cards" };

type SearchParams = Record<string, string | string[] | undefined>;

function single(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.slice(0, 200) ?? "";
}

function suspendedFilter(value: string): boolean | undefined {
  if (value === "yes") return true;
  if (value === "no") return false;
  return undefined;
}

function pageHref(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  next.set("page", String(page));
  return `/cards?${next.toString()}`;
}

export default async function CardsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const raw = await searchParams;
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/cards");

  const text = single(raw.q);
  const tag = single(raw.tag);
  const deck = single(raw.deck);
  const suspended = single(raw.suspended);
  const page = Math.max(1, Number.parseInt(single(raw.page), 10) || 1);

  const [filters, result] = await Promise.all([
    listCardFilters(prisma),
    searchCards(prisma, user.id, {
      text,
      tag,
      deck,
      suspended: suspendedFilter(suspended),
      page,
    }),
  ]);
  const isInstructor = user.role === "INSTRUCTOR" || user.role === "ADMIN";
  const current = new URLSearchParams();
  if (text) current.set("q", text);
  if (tag) current.set("tag", tag);
  if (deck) current.set("deck", deck);
  if (suspended) current.set("suspended", suspended);
  const exportQuery = new URLSearchParams();
  if (deck) exportQuery.set("deck", deck);
  if (tag) exportQuery.set("tag", tag);
  const lastPage = Math.max(1, Math.ceil(result.total / result.pageSize));

  return (
    <div className="space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Cards</h1>
        <nav aria-label="Card tools" className="flex gap-3 text-sm">
          <Link href="/review" className="text-indigo-700">
            Review
          </Link>
          <a
            href={`/cards/export?${new URLSearchParams([...exportQuery, ["format", "tsv"]])}`}
            className="text-indigo-700"
          >
            Export TSV
          </a>
          <a
            href={`/cards/export?${new URLSearchParams([...exportQuery, ["format", "csv"]])}`}
            className="text-indigo-700"
          >
            Export CSV
          </a>
          {isInstructor && (
            <Link href="/cards/import" className="text-indigo-700">
              Import from Anki
            </Link>
          )}
        </nav>
      </header>

      <form
        method="get"
        action="/cards"
        role="search"
        aria-label="Search cards"
        className="flex flex-wrap items-end gap-3 rounded border border-slate-200 bg-white p-3 text-sm"
      >
        <label className="flex flex-col">
          Text
          <input
            name="q"
            type="search"
            defaultValue={text}
            placeholder="front or back"
            className="mt-1 rounded border border-slate-300 p-1.5"
          />
        </label>
        <label className="flex flex-col">
          Tag
          <select
            name="tag"
            defaultValue={tag}
            className="mt-1 rounded border border-slate-300 p-1.5"
          >
            <option value="">Any tag</option>
            {filters.tags.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Deck
          <select
            name="deck"
            defaultValue={deck}
            className="mt-1 rounded border border-slate-300 p-1.5"
          >
            <option value="">All decks</option>
            {filters.decks.map((option) => (
              <option key={option.slug} value={option.slug}>
                {option.title}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          Suspended
          <select
            name="suspended"
            defaultValue={suspended}
            className="mt-1 rounded border border-slate-300 p-1.5"
          >
            <option value="">Either</option>
            <option value="yes">Suspended only</option>
            <option value="no">Not suspended</option>
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700"
        >
          Search
        </button>
      </form>

      <p className="text-sm text-slate-600" data-testid="card-count">
        {result.total} {result.total === 1 ? "card" : "cards"} found
      </p>

      {result.cards.length > 0 && (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="card-table">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">Front</th>
                <th className="py-1 pr-2">Back</th>
                <th className="py-1 pr-2">Deck</th>
                <th className="py-1 pr-2">Tags</th>
                <th className="py-1 pr-2">Next review</th>
                <th className="py-1 pr-2">Suspended</th>
              </tr>
            </thead>
            <tbody>
              {result.cards.map((card) => (
                <tr
                  key={card.id}
                  className="border-b border-slate-100 align-top"
                  data-testid={`card-row-${card.slug}`}
                >
                  <td className="py-1 pr-2 whitespace-pre-wrap">
                    {card.front}
                  </td>
                  <td className="py-1 pr-2 whitespace-pre-wrap text-slate-700">
                    {card.back}
                  </td>
                  <td className="py-1 pr-2">{card.deck.title}</td>
                  <td className="py-1 pr-2">{card.tags.join(", ")}</td>
                  <td className="py-1 pr-2 whitespace-nowrap">
                    {card.due ? formatDueAt(card.due) : "new"}
                  </td>
                  <td className="py-1 pr-2">
                    <CardSuspendToggle
                      cardId={card.id}
                      suspended={card.suspended}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {lastPage > 1 && (
        <nav aria-label="Pages" className="flex items-center gap-3 text-sm">
          {result.page > 1 && (
            <Link
              href={pageHref(current, result.page - 1)}
              className="text-indigo-700"
            >
              Previous
            </Link>
          )}
          <span>
            Page {result.page} of {lastPage}
          </span>
          {result.page < lastPage && (
            <Link
              href={pageHref(current, result.page + 1)}
              className="text-indigo-700"
            >
              Next
            </Link>
          )}
        </nav>
      )}
    </div>
  );
}
