import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listDrills } from "@/lib/practice/queries";

export const metadata: Metadata = { title: "Drills" };

export default async function DrillsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/drills");

  const drills = await listDrills(prisma);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">Drills</h1>
      {drills.length === 0 && (
        <p className="text-slate-600">
          No drills are published yet. Run <code>npm run content:import</code>{" "}
          to load the chapter&apos;s content.
        </p>
      )}
      <ol className="space-y-3">
        {drills.map((drill) => (
          <li
            key={drill.id}
            className="rounded border border-slate-200 bg-white p-4"
          >
            <Link
              href={`/drills/${drill.slug}`}
              className="text-lg font-medium text-indigo-700"
            >
              {drill.number}. {drill.title}
            </Link>
            <p className="text-sm text-slate-600">{drill.summary}</p>
            <p className="text-xs text-slate-500">
              {drill.topic.title} · {drill._count.questions} questions
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
