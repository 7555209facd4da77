"use client";

import type { DrillForm } from "@/lib/authoring/forms";

import { EditorShell } from "./editor-shell";
import { SelectField, TextArea, TextField } from "./fields";
import { useEditor } from "./use-editor";

export function DrillEditor({
  entityId,
  initialForm,
  storedForm,
  baseVersion,
  initialDraftId,
  topics,
  rubrics,
}: {
  entityId: string | null;
  initialForm: DrillForm;
  storedForm?: DrillForm;
  baseVersion: number | null;
  initialDraftId: string | null;
  topics: { slug: string; title: string }[];
  rubrics: { slug: string; title: string }[];
}) {
  const editor = useEditor<DrillForm>({
    entityType: "drill",
    entityId,
    initialForm,
    storedForm,
    baseVersion,
    initialDraftId,
  });
  const { form, fieldErrors: errors } = editor;
  const set = (patch: Partial<DrillForm>) =>
    editor.setForm((previous) => ({ ...previous, ...patch }));

  return (
    <EditorShell
      title="Drill editor"
      error={editor.error}
      fieldErrors={errors}
      status={editor.status}
      pending={editor.pending}
      draftId={editor.draftId}
      onPublish={editor.publish}
      onDiscard={editor.discard}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          label="Slug"
          value={form.slug}
          onChange={(slug) => set({ slug })}
          errors={errors.slug}
          readOnly={entityId !== null}
          hint="Fixed after the first publish."
        />
        <TextField
          label="Number"
          value={form.number}
          onChange={(number) => set({ number })}
          errors={errors.number}
          inputMode="numeric"
          hint="Position in the chapter; unique."
        />
      </div>
      <TextField
        label="Title"
        value={form.title}
        onChange={(title) => set({ title })}
        errors={errors.title}
      />
      <SelectField
        label="Topic"
        value={form.topic}
        onChange={(topic) => set({ topic })}
        options={[
          { value: "", label: "Choose a topic" },
          ...topics.map((topic) => ({ value: topic.slug, label: topic.title })),
        ]}
        errors={errors.topic}
      />
      <TextArea
        label="Summary"
        value={form.summary}
        onChange={(summary) => set({ summary })}
        errors={errors.summary}
        rows={2}
      />
      <TextArea
        label="Prompt (Markdown)"
        value={form.prompt}
        onChange={(prompt) => set({ prompt })}
        errors={errors.prompt}
        rows={8}
      />
      <SelectField
        label="Rubric"
        value={form.rubric}
        onChange={(rubric) => set({ rubric })}
        options={[
          { value: "", label: "No rubric" },
          ...rubrics.map((rubric) => ({
            value: rubric.slug,
            label: `${rubric.title} (${rubric.slug})`,
          })),
        ]}
        errors={errors.rubric}
        hint="Free-text questions of the drill are graded by it unless they name another."
      />
    </EditorShell>
  );
}
