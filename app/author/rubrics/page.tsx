import type { Metadata } from "next";
import Link from "next/link";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listRubricsForAuthoring } from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";

import { authorForPage } from "../access";

export const metadata: Metadata = { title: "Rubrics · Authoring" };

export default async function AuthorRubricsPage() {
  const user = await authorForPage("/author/rubrics");
  if (!user) return <AuthorForbidden />;
  const rubrics = await listRubricsForAuthoring(prisma);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Rubrics</h1>
        <Link
          href="/author/rubrics/new"
          className="rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700"
        >
          New rubric
        </Link>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-2">Rubric</th>
              <th className="py-1 pr-2">Drill</th>
              <th className="py-1 pr-2">E5 / E6 criteria</th>
              <th className="py-1 pr-2">Scoring version</th>
            </tr>
          </thead>
          <tbody>
            {rubrics.map((rubric) => (
              <tr key={rubric.id} className="border-b border-slate-100">
                <td className="py-1 pr-2">
                  <Link
                    href={`/author/rubrics/${rubric.id}`}
                    className="text-indigo-700"
                  >
                    {rubric.title}
                  </Link>{" "}
                  <code className="text-xs text-slate-500">{rubric.slug}</code>
                </td>
                <td className="py-1 pr-2">
                  {rubric.drills
                    .map((drill) => `${drill.number}. ${drill.title}`)
                    .join(", ") || "none yet"}
                </td>
                <td className="py-1 pr-2 tabular-nums">
                  {rubric.criteria.filter((c) => c.level === "E5").length} /{" "}
                  {rubric.criteria.filter((c) => c.level === "E6").length}
                </td>
                <td className="py-1 pr-2 tabular-nums">{rubric.version}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">
        Content files keep a rubric inside the file of the drill that uses it,
        so give a new rubric to a drill before exporting it.
      </p>
    </div>
  );
}
