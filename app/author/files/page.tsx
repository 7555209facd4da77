import type { Metadata } from "next";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { ExportPanel, ImportPanel } from "@/components/authoring/files-panel";
import { prisma } from "@/lib/db";

import { authorForPage } from "../access";

export const metadata: Metadata = { title: "Import and export · Authoring" };

export default async function FilesPage() {
  const user = await authorForPage("/author/files");
  if (!user) return <AuthorForbidden />;
  const [drills, decks, rubrics] = await Promise.all([
    prisma.drill.findMany({
      orderBy: { number: "asc" },
      select: { id: true, number: true, title: true },
    }),
    prisma.deck.findMany({
      orderBy: { slug: "asc" },
      select: { id: true, title: true },
    }),
    prisma.rubric.findMany({
      orderBy: { slug: "asc" },
      select: { id: true, title: true },
    }),
  ]);
  const choices = [
    {
      label: "Everything (topics, drills, decks)",
      scope: { kind: "all" as const },
    },
    ...drills.map((drill) => ({
      label: `Drill ${drill.number}: ${drill.title}`,
      scope: { kind: "drill" as const, id: drill.id },
    })),
    ...decks.map((deck) => ({
      label: `Deck: ${deck.title}`,
      scope: { kind: "deck" as const, id: deck.id },
    })),
    ...rubrics.map((rubric) => ({
      label: `Rubric: ${rubric.title} (its drill's file)`,
      scope: { kind: "rubric" as const, id: rubric.id },
    })),
  ];
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Import and export</h1>
      <p className="text-sm text-slate-600">
        Files use the format of the repository&apos;s content/ folder, in its
        canonical layout, so an exported file imports back unchanged. The
        content/ folder stays the source of the seeded content.
      </p>
      <ExportPanel choices={choices} />
      <ImportPanel />
    </div>
  );
}
