import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { DrillEditor } from "@/components/authoring/drill-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { VisibilityButton } from "@/components/authoring/item-actions";
import { ensureCurrentVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { findOwnDraft } from "@/lib/authoring/drafts";
import { kindNames } from "@/lib/authoring/kind-names";
import { historyPathOf } from "@/lib/authoring/paths";
import { listDrillQuestions } from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";
import { questionKinds } from "@/lib/grading/spec";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "Edit drill · Authoring" };

export default async function EditDrillPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/drills/${id}`);
  if (!user) return <AuthorForbidden />;

  const version = await ensureCurrentVersion(prisma, "drill", id);
  const current = await loadCurrentItem(prisma, "drill", id);
  if (!current || version === null) notFound();
  const [draft, questions, topics, rubrics] = await Promise.all([
    findOwnDraft(prisma, user.id, "drill", id),
    listDrillQuestions(prisma, id),
    prisma.topic.findMany({
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
    prisma.rubric.findMany({
      where: { OR: [{ drills: { none: {} } }, { drills: { some: { id } } }] },
      orderBy: { slug: "asc" },
      select: { slug: true, title: true },
    }),
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">{current.label}</h1>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <span>
            Version {version} ·{" "}
            {current.published ? "shown to learners" : "hidden from learners"}
          </span>
          <Link href={historyPathOf("drill", id)} className="text-indigo-700">
            History
          </Link>
          <VisibilityButton
            entityType="drill"
            entityId={id}
            published={current.published}
          />
        </div>
      </div>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Questions</h2>
        <div className="overflow-x-auto">
          <table
            className="w-full text-left text-sm"
            data-testid="drill-questions"
          >
            <thead>
              <tr className="border-b border-slate-300">
                <th className="py-1 pr-2">#</th>
                <th className="py-1 pr-2">Slug</th>
                <th className="py-1 pr-2">Kind</th>
                <th className="py-1 pr-2">Prompt</th>
                <th className="py-1 pr-2">Version</th>
                <th className="py-1 pr-2">Attempts</th>
                <th className="py-1 pr-2">Shown</th>
              </tr>
            </thead>
            <tbody>
              {questions.map((question, index) => (
                <tr
                  key={question.id}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="py-1 pr-2">{index + 1}</td>
                  <td className="py-1 pr-2">
                    <Link
                      href={`/author/questions/${question.id}`}
                      className="text-indigo-700"
                    >
                      {question.fileSlug}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">
                    {
                      kindNames[
                        question.kind.toLowerCase() as keyof typeof kindNames
                      ]
                    }
                  </td>
                  <td className="py-1 pr-2">
                    {question.prompt.slice(0, 80)}
                    {question.prompt.length > 80 ? "…" : ""}
                  </td>
                  <td className="py-1 pr-2 tabular-nums">{question.version}</td>
                  <td className="py-1 pr-2 tabular-nums">
                    {question._count.attempts}
                  </td>
                  <td className="py-1 pr-2">
                    {question.published ? "yes" : "hidden"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="flex flex-wrap gap-2 text-sm">
          Add a question:
          {questionKinds.map((kind) => (
            <Link
              key={kind}
              href={`/author/questions/new?drill=${id}&kind=${kind}`}
              className="rounded border border-slate-300 bg-white px-2 py-0.5 hover:bg-slate-100"
            >
              {kindNames[kind]}
            </Link>
          ))}
        </p>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Drill text</h2>
        <DrillEditor
          entityId={id}
          initialForm={draft?.form ?? current.form}
          storedForm={current.form}
          baseVersion={version}
          initialDraftId={draft?.id ?? null}
          topics={topics}
          rubrics={rubrics}
        />
      </section>
    </div>
  );
}
