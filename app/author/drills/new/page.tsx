import type { Metadata } from "next";

import { DrillEditor } from "@/components/authoring/drill-editor";
import { AuthorForbidden } from "@/components/authoring/forbidden";
import { loadDraft } from "@/lib/authoring/drafts";
import { completeForm, type DrillForm } from "@/lib/authoring/forms";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "New drill · Authoring" };

export default async function NewDrillPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string }>;
}) {
  const user = await authorForPage("/author/drills/new");
  if (!user) return <AuthorForbidden />;
  const { draft: draftId } = await searchParams;
  const draft = draftId ? await loadDraft(prisma, user, draftId) : null;
  const [topics, rubrics, last] = await Promise.all([
    prisma.topic.findMany({
      orderBy: { title: "asc" },
      select: { slug: true, title: true },
    }),
    prisma.rubric.findMany({
      where: { drills: { none: {} } },
      orderBy: { slug: "asc" },
      select: { slug: true, title: true },
    }),
    prisma.drill.aggregate({ _max: { number: true } }),
  ]);
  const initialForm: DrillForm =
    draft?.entityType === "drill"
      ? (draft.form as DrillForm)
      : completeForm("drill", { number: String((last._max.number ?? 0) + 1) });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New drill</h1>
      <p className="text-sm text-slate-600">
        A new drill stays hidden from learners until it has a published
        question.
      </p>
      <DrillEditor
        entityId={null}
        initialForm={initialForm}
        baseVersion={null}
        initialDraftId={draft?.entityType === "drill" ? draft.id : null}
        topics={topics}
        rubrics={rubrics}
      />
    </div>
  );
}
