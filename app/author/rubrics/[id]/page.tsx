import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { RubricEditor } from "@/components/authoring/rubric-editor";
import { ensureCurrentVersion } from "@/lib/authoring/content-versions";
import { loadCurrentItem } from "@/lib/authoring/current-forms";
import { findOwnDraft } from "@/lib/authoring/drafts";
import { historyPathOf } from "@/lib/authoring/paths";
import { prisma } from "@/lib/db";

import { authorForPage } from "../../access";

export const metadata: Metadata = { title: "Edit rubric · Authoring" };

export default async function EditRubricPage({
  params,
}: {
  params: Promise<{ id: string }>;
}) {
  const { id } = await params;
  const user = await authorForPage(`/author/rubrics/${id}`);
  if (!user) return <AuthorForbidden />;
  const version = await ensureCurrentVersion(prisma, "rubric", id);
  const current = await loadCurrentItem(prisma, "rubric", id);
  if (!current || version === null) notFound();
  const draft = await findOwnDraft(prisma, user.id, "rubric", id);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Rubric: {current.label}</h1>
        <div className="flex items-center gap-3 text-sm">
          <span>
            Version {version} · scoring version {current.rubricVersion}
          </span>
          <Link href={historyPathOf("rubric", id)} className="text-indigo-700">
            History
          </Link>
        </div>
      </div>
      <p className="text-sm text-slate-600">
        Answers keep the scoring version they were scored with: once a version
        has scored a mock interview answer or a free-text attempt, publishing a
        change makes a new scoring version instead of changing that one.
      </p>
      <RubricEditor
        entityId={id}
        initialForm={draft?.form ?? current.form}
        storedForm={current.form}
        baseVersion={version}
        initialDraftId={draft?.id ?? null}
      />
    </div>
  );
}
