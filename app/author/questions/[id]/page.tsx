import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { VisibilityButton } from "@/components/authoring/item-actions";
import { QuestionEditor } from "@/components/authoring/question-editor";
import { attemptCountsByVersion } from "@/lib/authoring/attempt-versions";
import { ensureCurrentVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { findOwnDraft } from "@/lib/authoring/drafts";
import { historyPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";
import { loadQuestionEditorData } from "../editor-data";

export const metadata: Metadata = { title: "Edit question · Authoring" };

export default async function EditQuestionPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/questions/${id}`);
  if (!user) return <AuthorForbidden />;

  const version = await ensureCurrentVersion(prisma, "question", id);
  const current = await loadCurrentItem(prisma, "question", id);
  if (!current || version === null) notFound();
  const [draft, attempts, data, drill] = await Promise.all([
    findOwnDraft(prisma, user.id, "question", id),
    attemptCountsByVersion(prisma, id),
    loadQuestionEditorData(),
    prisma.drill.findUnique({
      where: { id: current.form.drillId },
      select: { slug: true, published: true },
    }),
  ]);
  const attemptsText = [...attempts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([answered, count]) => `${count} on version ${answered}`)
    .join(", ");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Question {current.label}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span data-testid="question-version">
            Version {version} ·{" "}
            {current.published ? "shown to learners" : "hidden from learners"}
          </span>
          <Link
            href={`/author/drills/${current.form.drillId}`}
            className="text-indigo-700"
          >
            Drill
          </Link>
          {drill?.published && current.published && (
            <Link href={`/drills/${drill.slug}`} className="text-indigo-700">
              As learners see it
            </Link>
          )}
          <Link
            href={historyPathOf("question", id)}
            className="text-indigo-700"
          >
            History
          </Link>
          <VisibilityButton
            entityType="question"
            entityId={id}
            published={current.published}
          />
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Attempts: {attemptsText || "none yet"}. Each attempt stays with the
        version it answered; publishing makes a new version for the attempts
        that follow.
      </p>
      <QuestionEditor
        entityId={id}
        initialForm={draft?.form ?? current.form}
        storedForm={current.form}
        baseVersion={version}
        initialDraftId={draft?.id ?? null}
        {...data}
      />
    </div>
  );
}
