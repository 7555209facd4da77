import type { Metadata } from "next";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { RubricEditor } from "@/components/authoring/rubric-editor";
import { loadDraft } from "@/lib/authoring/drafts";
import { completeForm, type RubricForm } from "@/lib/authoring/forms";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "New rubric · Authoring" };

export default async function NewRubricPage({
  searchParams,
}: {
  searchParams: Promise<{ draft?: string }>;
}) {
  const user = await authorForPage("/author/rubrics/new");
  if (!user) return <AuthorForbidden />;
  const { draft: draftId } = await searchParams;
  const draft = draftId ? await loadDraft(prisma, user, draftId) : null;
  const initialForm: RubricForm =
    draft?.entityType === "rubric"
      ? (draft.form as RubricForm)
      : completeForm("rubric", {
          criteria: [
            {
              key: "",
              level: "E5",
              description: "",
              points: "1",
              concepts: [{ name: "", phrases: "" }],
            },
          ],
        });
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-semibold">New rubric</h1>
      <RubricEditor
        entityId={null}
        initialForm={initialForm}
        baseVersion={null}
        initialDraftId={draft?.entityType === "rubric" ? draft.id : null}
      />
    </div>
  );
}
