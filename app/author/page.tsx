import type { Metadata } from "next";
import Link from "next/link";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listAudit } from "@/lib/authoring/audit";
import { listOwnDrafts } from "@/lib/authoring/drafts";
import { editorPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "./access";

export const metadata: Metadata = { title: "Authoring" };

const sections = [
  {
    href: "/author/drills",
    label: "Drills and questions",
    text: "Drill texts, their questions of every kind, order and visibility.",
  },
  {
    href: "/author/labs",
    label: "Lab question templates",
    text: "Questions answered from the learner's own lab run.",
  },
  {
    href: "/author/rubrics",
    label: "Rubrics",
    text: "E5 and E6 criteria with the concepts and phrases that earn them.",
  },
  {
    href: "/author/decks",
    label: "Flashcard decks",
    text: "Decks and their cards.",
  },
  {
    href: "/author/files",
    label: "Import and export",
    text: "Content files in the content/ format.",
  },
  {
    href: "/author/cohorts",
    label: "Classes",
    text: "Join codes and your learners' progress.",
  },
];

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function AuthorPage() {
  const user = await authorForPage("/author");
  if (!user) return <AuthorForbidden />;

  const [drafts, audit] = await Promise.all([
    listOwnDrafts(prisma, user.id),
    listAudit(prisma, {}, 20),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Authoring</h1>
      <ul className="grid gap-3 sm:grid-cols-2">
        {sections.map((section) => (
          <li
            key={section.href}
            className="rounded border border-slate-200 bg-white p-3"
          >
            <Link href={section.href} className="font-medium text-indigo-700">
              {section.label}
            </Link>
            <p className="text-sm text-slate-600">{section.text}</p>
          </li>
        ))}
      </ul>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Your drafts</h2>
        {drafts.length === 0 ? (
          <p className="text-sm text-slate-600">No unpublished drafts.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="drafts">
            {drafts.map((draft) => (
              <li key={draft.id}>
                <Link
                  href={editorPathOf(
                    draft.entityType,
                    draft.entityId,
                    draft.id,
                  )}
                  className="text-indigo-700"
                >
                  {draft.entityType} {draft.entityId ? "edit" : "(new)"}
                </Link>{" "}
                <span className="text-slate-500">
                  saved {timeFormat.format(draft.updatedAt)} UTC
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Recent changes</h2>
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">When (UTC)</th>
                <th className="py-1 pr-2">Who</th>
                <th className="py-1 pr-2">What</th>
              </tr>
            </thead>
            <tbody>
              {audit.map((row) => (
                <tr key={row.id} className="border-b border-slate-100">
                  <td className="py-1 pr-2 whitespace-nowrap">
                    {timeFormat.format(row.createdAt)}
                  </td>
                  <td className="py-1 pr-2">
                    {row.actor?.name ?? row.actor?.email ?? "(system)"}
                  </td>
                  <td className="py-1 pr-2">
                    <code>{row.action}</code>
                    {row.detail &&
                    typeof row.detail === "object" &&
                    "version" in row.detail
                      ? ` v${String(row.detail.version)}`
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
