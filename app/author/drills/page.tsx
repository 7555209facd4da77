import type { Metadata } from "next";
import Link from "next/link";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listDrillsForAuthoring } from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";

import { authorForPage } from "../access";

export const metadata: Metadata = { title: "Drills · Authoring" };

export default async function AuthorDrillsPage() {
  const user = await authorForPage("/author/drills");
  if (!user) return <AuthorForbidden />;
  const drills = await listDrillsForAuthoring(prisma);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Drills</h1>
        <Link
          href="/author/drills/new"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700"
        >
          New drill
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="author-drills">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-2">No.</th>
              <th className="py-1 pr-2">Drill</th>
              <th className="py-1 pr-2">Topic</th>
              <th className="py-1 pr-2">Rubric</th>
              <th className="py-1 pr-2">Questions shown / all</th>
              <th className="py-1 pr-2">Version</th>
              <th className="py-1 pr-2">Learners see it</th>
            </tr>
          </thead>
          <tbody>
            {drills.map((drill) => (
              <tr key={drill.id} className="border-b border-slate-100">
                <td className="py-1 pr-2 tabular-nums">{drill.number}</td>
                <td className="py-1 pr-2">
                  <Link
                    href={`/author/drills/${drill.id}`}
                    className="text-indigo-700"
                  >
                    {drill.title}
                  </Link>
                </td>
                <td className="py-1 pr-2">{drill.topic.title}</td>
                <td className="py-1 pr-2">{drill.rubric?.slug ?? "—"}</td>
                <td className="py-1 pr-2 tabular-nums">
                  {drill.questions.length} / {drill._count.questions}
                </td>
                <td className="py-1 pr-2 tabular-nums">{drill.version}</td>
                <td className="py-1 pr-2">
                  {drill.published ? "yes" : "hidden"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
