"use client";

import type { CriterionForm, RubricForm } from "@/lib/authoring/forms";

import { EditorShell } from "./editor-shell";
import {
  SelectField,
  TextArea,
  TextField,
  problemsUnder,
  smallButtonClass,
} from "./fields";
import { useEditor } from "./use-editor";

const emptyCriterion: CriterionForm = {
  key: "",
  level: "E5",
  description: "",
  points: "1",
  concepts: [{ name: "", phrases: "" }],
};

export function RubricEditor({
  entityId,
  initialForm,
  storedForm,
  baseVersion,
  initialDraftId,
}: {
  entityId: string | null;
  initialForm: RubricForm;
  storedForm?: RubricForm;
  baseVersion: number | null;
  initialDraftId: string | null;
}) {
  const editor = useEditor<RubricForm>({
    entityType: "rubric",
    entityId,
    initialForm,
    storedForm,
    baseVersion,
    initialDraftId,
  });
  const { form, fieldErrors: errors } = editor;
  const set = (patch: Partial<RubricForm>) =>
    editor.setForm((previous) => ({ ...previous, ...patch }));
  const setCriterion = (index: number, patch: Partial<CriterionForm>) =>
    set({
      criteria: form.criteria.map((criterion, i) =>
        i === index ? { ...criterion, ...patch } : criterion,
      ),
    });
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= form.criteria.length) return;
    const next = [...form.criteria];
    [next[index], next[target]] = [next[target], next[index]];
    set({ criteria: next });
  };

  return (
    <EditorShell
      title="Rubric editor"
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
        />
        <TextField
          label="Title"
          value={form.title}
          onChange={(title) => set({ title })}
          errors={errors.title}
        />
      </div>
      <p className="text-xs text-slate-600">
        E5 criteria are what a solid mid-level answer covers; E6 criteria are
        the senior additions. A criterion is met when the answer contains a
        phrase of any of its concepts. Phrases are lowercase, one per line; the
        grader matches their words in any order and ignores inflection, and{" "}
        <code>not(…)</code> around a phrase earns credit only where the answer
        rejects it.
      </p>
      {errors.criteria && (
        <p className="text-xs text-red-700">{errors.criteria.join("; ")}</p>
      )}
      {form.criteria.map((criterion, index) => {
        const prefix = `criteria[${index}]`;
        return (
          <fieldset
            key={index}
            className="space-y-2 rounded border border-slate-200 p-3 text-sm"
            data-testid="criterion"
          >
            <legend className="px-1 font-medium">Criterion {index + 1}</legend>
            <div className="grid gap-3 sm:grid-cols-3">
              <TextField
                label="Key"
                value={criterion.key}
                onChange={(key) => setCriterion(index, { key })}
                errors={errors[`${prefix}.key`]}
              />
              <SelectField
                label="Level"
                value={criterion.level}
                onChange={(level) =>
                  setCriterion(index, {
                    level: level as CriterionForm["level"],
                  })
                }
                options={[
                  { value: "", label: "Choose" },
                  { value: "E5", label: "E5" },
                  { value: "E6", label: "E6" },
                ]}
                errors={errors[`${prefix}.level`]}
              />
              <TextField
                label="Points"
                value={criterion.points}
                onChange={(points) => setCriterion(index, { points })}
                errors={errors[`${prefix}.points`]}
                inputMode="decimal"
              />
            </div>
            <TextArea
              label="Description"
              value={criterion.description}
              onChange={(description) => setCriterion(index, { description })}
              errors={errors[`${prefix}.description`]}
              rows={2}
            />
            {errors[`${prefix}.concepts`] && (
              <p className="text-xs text-red-700">
                {errors[`${prefix}.concepts`].join("; ")}
              </p>
            )}
            {criterion.concepts.map((concept, conceptIndex) => {
              const conceptPrefix = `${prefix}.concepts[${conceptIndex}]`;
              const updateConcept = (patch: Partial<typeof concept>) =>
                setCriterion(index, {
                  concepts: criterion.concepts.map((item, i) =>
                    i === conceptIndex ? { ...item, ...patch } : item,
                  ),
                });
              return (
                <div
                  key={conceptIndex}
                  className="grid gap-2 rounded bg-slate-50 p-2 sm:grid-cols-2"
                >
                  <TextField
                    label={`Concept ${conceptIndex + 1}`}
                    value={concept.name}
                    onChange={(name) => updateConcept({ name })}
                    errors={errors[`${conceptPrefix}.name`]}
                  />
                  <TextArea
                    label="Phrases, one per line"
                    value={concept.phrases}
                    onChange={(phrases) => updateConcept({ phrases })}
                    errors={problemsUnder(errors, `${conceptPrefix}.phrases`)}
                    rows={3}
                  />
                  <button
                    type="button"
                    className={`${smallButtonClass} justify-self-start`}
                    onClick={() =>
                      setCriterion(index, {
                        concepts: criterion.concepts.filter(
                          (_, i) => i !== conceptIndex,
                        ),
                      })
                    }
                  >
                    Remove concept
                  </button>
                </div>
              );
            })}
            <div className="flex flex-wrap gap-2">
              <button
                type="button"
                className={smallButtonClass}
                onClick={() =>
                  setCriterion(index, {
                    concepts: [
                      ...criterion.concepts,
                      { name: "", phrases: "" },
                    ],
                  })
                }
              >
                Add concept
              </button>
              <button
                type="button"
                className={smallButtonClass}
                onClick={() => move(index, -1)}
                disabled={index === 0}
              >
                Move up
              </button>
              <button
                type="button"
                className={smallButtonClass}
                onClick={() => move(index, 1)}
                disabled={index === form.criteria.length - 1}
              >
                Move down
              </button>
              <button
                type="button"
                className={smallButtonClass}
                onClick={() =>
                  set({ criteria: form.criteria.filter((_, i) => i !== index) })
                }
              >
                Remove criterion
              </button>
            </div>
          </fieldset>
        );
      })}
      <button
        type="button"
        className={smallButtonClass}
        onClick={() => set({ criteria: [...form.criteria, emptyCriterion] })}
      >
        Add criterion
      </button>
    </EditorShell>
  );
}
