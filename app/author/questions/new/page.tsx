import type { Metadata } from "next";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { QuestionEditor } from "@/components/authoring/question-editor";
import { loadDraft } from "@/lib/authoring/drafts";
import type { QuestionForm } from "@/lib/authoring/forms";
import { emptyQuestionForm } from "@/lib/authoring/to-file";
import { prisma } from "@/lib/db";
import { questionKinds } from "@/lib/grading/spec";

import { authorForPage } from "../../access";
import { loadQuestionEditorData } from "../editor-data";

export const metadata: Metadata = { title: "New question · Authoring" };

export default async function NewQuestionPage({
  searchParams,
}: {
  searchParams: Promise<{ drill?: string; kind?: string; draft?: string }>;
}) {
  const user = await authorForPage("/author/questions/new");
  if (!user) return <AuthorForbidden />;
  const query = await searchParams;
  const draft = query.draft ? await loadDraft(prisma, user, query.draft) : null;
  const kind =
    questionKinds.find((candidate) => candidate === query.kind) ?? "";
  const initialForm: QuestionForm =
    draft?.entityType === "question"
      ? (draft.form as QuestionForm)
      : emptyQuestionForm(query.drill ?? "", kind);

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New question</h1>
      <QuestionEditor
        entityId={null}
        initialForm={initialForm}
        baseVersion={null}
        initialDraftId={draft?.entityType === "question" ? draft.id : null}
        {...await loadQuestionEditorData()}
      />
    </div>
  );
}
