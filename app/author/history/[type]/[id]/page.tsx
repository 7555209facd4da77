import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { RestoreButton } from "@/components/authoring/item-actions";
import {
  attemptCountsByVersion,
  listAttemptsWithVersions,
} from "@/lib/authoring/attempt-versions";
import {
  ensureCurrentVersion,
  listHistory,
  loadVersion,
} from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { diffVersions, formatDiffValue } from "@/lib/authoring/diff";
import { entityTypes, type EntityType } from "@/lib/authoring/forms";
import { listAudit } from "@/lib/authoring/audit";
import { editorPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../../access";

export const metadata: Metadata = { title: "History · Authoring" };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

export default async function HistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ type: string; id: string }>;
  searchParams: Promise<{ a?: string; b?: string }>;
}) {
  const { type: rawType, id } = await params;
  const user = await authorForPage(`/author/history/${rawType}/${id}`);
  if (!user) return <AuthorForbidden />;
  if (!entityTypes.includes(rawType as EntityType)) notFound();
  const type = rawType as EntityType;

  const currentVersion = await ensureCurrentVersion(prisma, type, id);
  const current = await loadCurrentItem(prisma, type, id);
  if (!current || currentVersion === null) notFound();
  const history = await listHistory(prisma, type, id);
  const attempts =
    type === "question" ? await attemptCountsByVersion(prisma, id) : null;
  const recentAttempts =
    type === "question" ? await listAttemptsWithVersions(prisma, id) : [];
  const audit = await listAudit(prisma, { entityType: type, entityId: id }, 50);

  const query = await searchParams;
  const newest = history[0]?.version ?? currentVersion;
  const b = Number(query.b ?? newest);
  const a = Number(query.a ?? history[1]?.version ?? newest);
  const [before, after] = await Promise.all([
    loadVersion(prisma, type, id, a),
    loadVersion(prisma, type, id, b),
  ]);
  const changes =
    before && after ? diffVersions(before.form, after.form) : null;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">History: {current.label}</h1>
        <Link href={editorPathOf(type, id)} className="text-sm text-indigo-700">
          Back to the editor
        </Link>
      </div>

      <form method="get" className="space-y-2">
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm" data-testid="history">
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">Compare</th>
                <th className="py-1 pr-2">Version</th>
                <th className="py-1 pr-2">Published (UTC)</th>
                <th className="py-1 pr-2">By</th>
                {type === "rubric" && (
                  <th className="py-1 pr-2">Scoring version</th>
                )}
                {attempts && <th className="py-1 pr-2">Attempts on it</th>}
                <th className="py-1 pr-2" />
              </tr>
            </thead>
            <tbody>
              {history.map((entry) => (
                <tr key={entry.version} className="border-b border-slate-100">
                  <td className="py-1 pr-2 whitespace-nowrap">
                    <label className="mr-2">
                      <input
                        type="radio"
                        name="a"
                        value={entry.version}
                        defaultChecked={entry.version === a}
                      />{" "}
                      from
                    </label>
                    <label>
                      <input
                        type="radio"
                        name="b"
                        value={entry.version}
                        defaultChecked={entry.version === b}
                      />{" "}
                      to
                    </label>
                  </td>
                  <td className="py-1 pr-2 tabular-nums">
                    {entry.version}
                    {entry.version === currentVersion ? " (current)" : ""}
                  </td>
                  <td className="py-1 pr-2">
                    {timeFormat.format(entry.createdAt)}
                  </td>
                  <td className="py-1 pr-2">
                    {entry.author ?? "content files"}
                  </td>
                  {type === "rubric" && (
                    <td className="py-1 pr-2 tabular-nums">
                      {entry.rubricVersion ?? "—"}
                    </td>
                  )}
                  {attempts && (
                    <td className="py-1 pr-2 tabular-nums">
                      {attempts.get(entry.version) ?? 0}
                    </td>
                  )}
                  <td className="py-1 pr-2">
                    {entry.version !== currentVersion && (
                      <RestoreButton
                        entityType={type}
                        entityId={id}
                        version={entry.version}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button
          type="submit"
          className="rounded border border-slate-300 bg-white px-3 py-1 text-sm hover:bg-slate-100"
        >
          Compare
        </button>
      </form>

      <section className="space-y-2" aria-label="Differences">
        <h2 className="text-lg font-semibold">
          Version {a} → version {b}
        </h2>
        {changes === null ? (
          <p className="text-sm text-slate-600">
            One of these versions is not stored.
          </p>
        ) : changes.length === 0 ? (
          <p className="text-sm text-slate-600">No field differs.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="diff">
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-1 pr-2">Field</th>
                  <th className="py-1 pr-2">Version {a}</th>
                  <th className="py-1 pr-2">Version {b}</th>
                </tr>
              </thead>
              <tbody>
                {changes.map((change) => (
                  <tr
                    key={change.field}
                    className="border-b border-slate-100 align-top"
                  >
                    <td className="py-1 pr-2">
                      <code>{change.field}</code>
                    </td>
                    <td className="py-1 pr-2 whitespace-pre-wrap bg-red-50">
                      {formatDiffValue(change.before)}
                    </td>
                    <td className="py-1 pr-2 whitespace-pre-wrap bg-green-50">
                      {formatDiffValue(change.after)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {recentAttempts.length > 0 && (
        <section className="space-y-2">
          <h2 className="text-lg font-semibold">
            Recent attempts, each against the version it answered
          </h2>
          <div className="overflow-x-auto">
            <table
              className="w-full text-left text-sm"
              data-testid="attempts-by-version"
            >
              <thead>
                <tr className="border-b border-slate-300">
                  <th className="py-1 pr-2">When (UTC)</th>
                  <th className="py-1 pr-2">Learner</th>
                  <th className="py-1 pr-2">Version</th>
                  <th className="py-1 pr-2">Prompt of that version</th>
                  <th className="py-1 pr-2">Score</th>
                </tr>
              </thead>
              <tbody>
                {recentAttempts.map((attempt) => (
                  <tr
                    key={attempt.id}
                    className="border-b border-slate-100 align-top"
                  >
                    <td className="py-1 pr-2 whitespace-nowrap">
                      {timeFormat.format(attempt.createdAt)}
                    </td>
                    <td className="py-1 pr-2">
                      {attempt.user.name ?? attempt.user.email}
                    </td>
                    <td className="py-1 pr-2 tabular-nums">
                      {attempt.questionVersion}
                    </td>
                    <td className="py-1 pr-2">
                      {attempt.promptAnswered ?? "(snapshot missing)"}
                    </td>
                    <td className="py-1 pr-2 tabular-nums">
                      {Math.round(attempt.score * 100)}%
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Audit log</h2>
        <ul className="space-y-1 text-sm">
          {audit.map((row) => (
            <li key={row.id}>
              {timeFormat.format(row.createdAt)} UTC ·{" "}
              {row.actor?.name ?? row.actor?.email ?? "(system)"} ·{" "}
              <code>{row.action}</code>{" "}
              {row.detail ? (
                <code className="text-xs text-slate-500">
                  {JSON.stringify(row.detail)}
                </code>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
