import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { listOwnAttempts } from "@/lib/practice/queries";

export const metadata: Metadata = { title: "My attempts" };

const dateFormat = new Intl.DateTimeFormat("en-GB", {
  dateStyle: "medium",
  timeStyle: "short",
  timeZone: "UTC",
});

function summarizeAnswer(answer: unknown): string {
  if (answer === null || typeof answer !== "object") return String(answer);
  const record = answer as Record<string, unknown>;
  const text =
    record.text ??
    record.value ??
    record.choice ??
    record.choices ??
    record.order;
  const shown = Array.isArray(text) ? text.join(", ") : String(text ?? "");
  return shown.length > 120 ? `${shown.slice(0, 117)}…` : shown;
}

export default async function AttemptsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/attempts");

  const attempts = await listOwnAttempts(prisma, user.id);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">My attempts</h1>
      {attempts.length === 0 ? (
        <p className="text-slate-600">
          No attempts yet.{" "}
          <Link href="/drills" className="text-indigo-700">
            Open a drill
          </Link>{" "}
          and answer a question.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table
            className="w-full text-left text-sm"
            data-testid="attempts-table"
          >
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">When (UTC)</th>
                <th className="py-1 pr-2">Drill</th>
                <th className="py-1 pr-2">Question</th>
                <th className="py-1 pr-2">Your answer</th>
                <th className="py-1 pr-2">Score</th>
              </tr>
            </thead>
            <tbody>
              {attempts.map((attempt) => (
                <tr
                  key={attempt.id}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="py-1 pr-2 whitespace-nowrap">
                    {dateFormat.format(attempt.createdAt)}
                  </td>
                  <td className="py-1 pr-2">
                    <Link
                      href={`/drills/${attempt.question.drill.slug}`}
                      className="text-indigo-700"
                    >
                      {attempt.question.drill.number}.{" "}
                      {attempt.question.drill.title}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">
                    {attempt.prompt.slice(0, 90)}
                    {attempt.prompt.length > 90 ? "…" : ""}
                    <span className="block text-xs text-slate-500">
                      version {attempt.questionVersion}
                    </span>
                  </td>
                  <td className="py-1 pr-2">
                    {summarizeAnswer(attempt.answer)}
                  </td>
                  <td className="py-1 pr-2 tabular-nums">
                    {Math.round(attempt.score * 100)}%
                    {attempt.correct ? " ✓" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
