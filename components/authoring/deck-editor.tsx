"use client";

import type { DeckForm, FlashcardForm } from "@/lib/authoring/forms";

import { EditorShell } from "./editor-shell";
import { SelectField, TextArea, TextField } from "./fields";
import { useEditor } from "./use-editor";

export function DeckEditor({
  entityId,
  initialForm,
  storedForm,
  baseVersion,
  initialDraftId,
}: {
  entityId: string | null;
  initialForm: DeckForm;
  storedForm?: DeckForm;
  baseVersion: number | null;
  initialDraftId: string | null;
}) {
  const editor = useEditor<DeckForm>({
    entityType: "deck",
    entityId,
    initialForm,
    storedForm,
    baseVersion,
    initialDraftId,
  });
  const { form, fieldErrors: errors } = editor;
  const set = (patch: Partial<DeckForm>) =>
    editor.setForm((previous) => ({ ...previous, ...patch }));
  return (
    <EditorShell
      title="Deck editor"
      error={editor.error}
      fieldErrors={errors}
      status={editor.status}
      pending={editor.pending}
      draftId={editor.draftId}
      onPublish={editor.publish}
      onDiscard={editor.discard}
    >
      <TextField
        label="Slug"
        value={form.slug}
        onChange={(slug) => set({ slug })}
        errors={errors.slug}
        readOnly={entityId !== null}
      />
      <TextField
        label="Title"
        value={form.title}
        onChange={(title) => set({ title })}
        errors={errors.title}
      />
      <TextArea
        label="Description"
        value={form.description}
        onChange={(description) => set({ description })}
        errors={errors.description}
        rows={3}
      />
    </EditorShell>
  );
}

export function FlashcardEditor({
  entityId,
  initialForm,
  storedForm,
  baseVersion,
  initialDraftId,
  decks,
  topics,
}: {
  entityId: string | null;
  initialForm: FlashcardForm;
  storedForm?: FlashcardForm;
  baseVersion: number | null;
  initialDraftId: string | null;
  decks: { id: string; title: string }[];
  topics: { slug: string; title: string }[];
}) {
  const editor = useEditor<FlashcardForm>({
    entityType: "flashcard",
    entityId,
    initialForm,
    storedForm,
    baseVersion,
    initialDraftId,
  });
  const { form, fieldErrors: errors } = editor;
  const set = (patch: Partial<FlashcardForm>) =>
    editor.setForm((previous) => ({ ...previous, ...patch }));
  return (
    <EditorShell
      title="Flashcard editor"
      error={editor.error}
      fieldErrors={errors}
      status={editor.status}
      pending={editor.pending}
      draftId={editor.draftId}
      onPublish={editor.publish}
      onDiscard={editor.discard}
    >
      <SelectField
        label="Deck"
        value={form.deckId}
        onChange={(deckId) => set({ deckId })}
        options={[
          { value: "", label: "Choose a deck" },
          ...decks.map((deck) => ({ value: deck.id, label: deck.title })),
        ]}
        errors={errors.deckId}
        disabled={entityId !== null}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Slug"
          value={form.slug}
          onChange={(slug) => set({ slug })}
          errors={errors.slug}
          readOnly={entityId !== null}
        />
        <SelectField
          label="Topic"
          value={form.topic}
          onChange={(topic) => set({ topic })}
          options={[
            { value: "", label: "Choose a topic" },
            ...topics.map((topic) => ({
              value: topic.slug,
              label: topic.title,
            })),
          ]}
          errors={errors.topic}
        />
        <SelectField
          label="Level"
          value={form.level}
          onChange={(level) => set({ level: level as FlashcardForm["level"] })}
          options={[
            { value: "", label: "Choose a level" },
            { value: "E5", label: "E5" },
            { value: "E6", label: "E6" },
          ]}
          errors={errors.level}
        />
      </div>
      <TextField
        label="Tags"
        value={form.tags}
        onChange={(tags) => set({ tags })}
        errors={errors.tags}
        hint="Separated by commas or spaces; lowercase letters, digits and dashes."
      />
      <TextArea
        label="Front"
        value={form.front}
        onChange={(front) => set({ front })}
        errors={errors.front}
        rows={3}
      />
      <TextArea
        label="Back"
        value={form.back}
        onChange={(back) => set({ back })}
        errors={errors.back}
        rows={5}
      />
    </EditorShell>
  );
}
