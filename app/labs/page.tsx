import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { formatTime } from "@/components/labs/labels";
import { RunStatusBadge } from "@/components/labs/runs-list";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";

import { listLabPages, type LabListEntry } from "./lab-pages";

export const metadata: Metadata = { title: "Labs" };

function LabCard({ lab }: { lab: LabListEntry }) {
  return (
    <li
      className="space-y-2 rounded border border-slate-200 bg-white p-4"
      data-testid={`lab-card-${lab.slug}`}
    >
      <p className="text-xs uppercase tracking-wide text-slate-500">
        Drill {lab.drill.number} · {lab.drill.title}
      </p>
      <Link
        href={`/labs/${lab.slug}`}
        className="text-lg font-medium text-indigo-700 hover:underline"
      >
        {lab.title}
      </Link>
      <p className="text-sm text-slate-700">{lab.summary}</p>
      <p className="text-xs text-slate-500">
        {lab.questionCount} question{lab.questionCount === 1 ? "" : "s"} graded
        against your own run
      </p>
      {lab.recentRuns.length > 0 ? (
        <ul
          className="space-y-1 text-xs text-slate-600"
          aria-label="Your recent runs"
        >
          {lab.recentRuns.map((run) => (
            <li key={run.id} className="flex flex-wrap items-center gap-2">
              <RunStatusBadge status={run.status} />
              {run.cached && <span>cached</span>}
              <Link
                href={`/labs/${lab.slug}?run=${encodeURIComponent(run.id)}`}
                className="text-indigo-700 hover:underline"
              >
                {formatTime(run.createdAt)}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-xs text-slate-500">No runs yet.</p>
      )}
    </li>
  );
}

export default async function LabsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/labs");

  const labs = await listLabPages(prisma, user.id);
  const listed = labs.filter((lab) => lab.listed);
  const inline = labs.filter((lab) => !lab.listed);

  return (
    <div className="space-y-4">
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">Labs</h1>
        <p className="text-slate-600">
          One live lab per drill: set the parameters, run the models on the
          server, watch them finish one by one, and answer questions from your
          own results.
        </p>
      </header>
      {labs.length === 0 && (
        <p className="text-slate-600">
          No labs are published yet. Run <code>npm run content:import</code> to
          load the lab pages from content/labs.
        </p>
      )}
      <ol className="grid gap-4 md:grid-cols-2">
        {listed.map((lab) => (
          <LabCard key={lab.slug} lab={lab} />
        ))}
      </ol>
      {inline.length > 0 && (
        <p className="text-sm text-slate-600">
          Also on a drill page:{" "}
          {inline.map((lab, index) => (
            <span key={lab.slug}>
              {index > 0 && ", "}
              <Link
                href={`/labs/${lab.slug}`}
                className="text-indigo-700 hover:underline"
              >
                {lab.title}
              </Link>{" "}
              (drill {lab.drill.number})
            </span>
          ))}
          .
        </p>
      )}
    </div>
  );
}
