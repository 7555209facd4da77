"use client";

import type { QuestionForm } from "@/lib/authoring/forms";
import { kindNames } from "@/lib/authoring/kind-names";
import { questionKinds } from "@/lib/grading/spec";

import { EditorShell } from "./editor-shell";
import { SelectField, TextArea, TextField, problemsUnder } from "./fields";
import { OptionsEditor } from "./options-editor";
import { QuestionPreview } from "./question-preview";
import { useEditor } from "./use-editor";

export interface RubricChoice {
  slug: string;
  title: string;
  criteria: { key: string; level: string; description: string }[];
}

export interface LabChoice {
  slug: string;
  title: string;
  rules: string[];
  /** Numeric paths of a stored run's result, offered as suggestions. */
  metricPaths: string[];
}

export function QuestionEditor({
  entityId,
  initialForm,
  storedForm,
  baseVersion,
  initialDraftId,
  drills,
  rubrics,
  drillRubrics,
  labs,
}: {
  entityId: string | null;
  initialForm: QuestionForm;
  storedForm?: QuestionForm;
  baseVersion: number | null;
  initialDraftId: string | null;
  drills: { id: string; label: string }[];
  rubrics: RubricChoice[];
  /** Drill id → slug of the drill's own rubric. */
  drillRubrics: Record<string, string | null>;
  labs: LabChoice[];
}) {
  const editor = useEditor<QuestionForm>({
    entityType: "question",
    entityId,
    initialForm,
    storedForm,
    baseVersion,
    initialDraftId,
  });
  const { form, fieldErrors: errors } = editor;
  const set = (patch: Partial<QuestionForm>) =>
    editor.setForm((previous) => ({ ...previous, ...patch }));
  const isNew = entityId === null;

  const drillRubric = drillRubrics[form.drillId] ?? null;
  const rubricSlug = form.rubric || drillRubric || "";
  const rubric = rubrics.find((candidate) => candidate.slug === rubricSlug);
  const lab = labs.find((candidate) => candidate.slug === form.lab);

  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <EditorShell
        title="Question editor"
        error={editor.error}
        fieldErrors={errors}
        status={editor.status}
        pending={editor.pending}
        draftId={editor.draftId}
        onPublish={editor.publish}
        onDiscard={editor.discard}
      >
        <SelectField
          label="Drill"
          value={form.drillId}
          onChange={(drillId) => set({ drillId })}
          options={[
            { value: "", label: "Choose a drill" },
            ...drills.map((drill) => ({ value: drill.id, label: drill.label })),
          ]}
          errors={errors.drillId}
          disabled={!isNew}
          hint={
            isNew
              ? undefined
              : "A question stays in its drill, where its attempts are."
          }
        />
        <SelectField
          label="Kind"
          value={form.kind}
          onChange={(kind) => set({ kind: kind as QuestionForm["kind"] })}
          options={[
            { value: "", label: "Choose a kind" },
            ...questionKinds.map((kind) => ({
              value: kind,
              label: kindNames[kind],
            })),
          ]}
          errors={errors.kind}
        />
        <TextField
          label="Slug"
          value={form.slug}
          onChange={(slug) => set({ slug })}
          errors={errors.slug}
          readOnly={!isNew}
          hint="Lowercase letters, digits and dashes; unique in the drill. It cannot change after the first publish."
        />
        <TextArea
          label="Prompt (Markdown)"
          value={form.prompt}
          onChange={(prompt) => set({ prompt })}
          errors={errors.prompt}
          rows={4}
        />

        {(form.kind === "single_choice" || form.kind === "multiple_choice") && (
          <>
            <OptionsEditor
              field="options"
              legend="Options (mark the correct ones)"
              items={form.options}
              onChange={(options) => set({ options })}
              errors={errors}
              correct={form.correct}
              onCorrectChange={(correct) => set({ correct })}
              correctMode={
                form.kind === "single_choice" ? "single" : "multiple"
              }
            />
            {errors.correct && (
              <p className="text-xs text-red-700">
                Correct options: {errors.correct.join("; ")}
              </p>
            )}
          </>
        )}

        {form.kind === "numeric" && (
          <NumericFields form={form} set={set} errors={errors} />
        )}

        {form.kind === "ordering" && (
          <OptionsEditor
            field="items"
            legend="Items, in the correct order (learners see them shuffled)"
            items={form.items}
            onChange={(items) => set({ items })}
            errors={errors}
          />
        )}

        {form.kind === "free_text" && (
          <fieldset className="space-y-2 rounded border border-slate-200 p-3 text-sm">
            <legend className="px-1 font-medium">Rubric</legend>
            <SelectField
              label="Graded by"
              value={form.rubric}
              onChange={(value) => set({ rubric: value, criteria: [] })}
              options={[
                {
                  value: "",
                  label: drillRubric
                    ? `The drill's rubric (${drillRubric})`
                    : "The drill's rubric (the drill has none)",
                },
                ...rubrics.map((choice) => ({
                  value: choice.slug,
                  label: `${choice.title} (${choice.slug})`,
                })),
              ]}
              errors={errors.rubric}
            />
            {rubric && (
              <div>
                <p className="text-xs text-slate-500">
                  Criteria this question grades; none ticked grades all of them.
                </p>
                {rubric.criteria.map((criterion) => (
                  <label key={criterion.key} className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      className="mt-1"
                      checked={form.criteria.includes(criterion.key)}
                      onChange={(event) =>
                        set({
                          criteria: event.target.checked
                            ? [...form.criteria, criterion.key]
                            : form.criteria.filter(
                                (key) => key !== criterion.key,
                              ),
                        })
                      }
                    />
                    <span>
                      <span className="rounded bg-slate-100 px-1 text-xs">
                        {criterion.level}
                      </span>{" "}
                      {criterion.description}
                    </span>
                  </label>
                ))}
              </div>
            )}
            {errors.criteria && (
              <p className="text-xs text-red-700">
                {errors.criteria.join("; ")}
              </p>
            )}
          </fieldset>
        )}

        {form.kind === "lab" && (
          <fieldset className="space-y-2 rounded border border-slate-200 p-3 text-sm">
            <legend className="px-1 font-medium">
              Lab template: the answer comes from the learner&apos;s own run
            </legend>
            <SelectField
              label="Lab"
              value={form.lab}
              onChange={(value) => set({ lab: value, rule: "" })}
              options={[
                { value: "", label: "Choose a lab" },
                ...labs.map((choice) => ({
                  value: choice.slug,
                  label: `${choice.title} (${choice.slug})`,
                })),
              ]}
              errors={errors.lab}
            />
            <SelectField
              label="Answer type"
              value={form.labAnswerType}
              onChange={(value) =>
                set({ labAnswerType: value as QuestionForm["labAnswerType"] })
              }
              options={[
                {
                  value: "numeric",
                  label: "A number read from the run (metric path)",
                },
                {
                  value: "choice",
                  label: "A choice decided by a rule over the run",
                },
              ]}
              errors={errors.labAnswerType}
            />
            {form.labAnswerType === "numeric" ? (
              <>
                <TextField
                  label="Metric path"
                  value={form.metric}
                  onChange={(metric) => set({ metric })}
                  errors={errors.metric}
                  list="lab-metric-paths"
                  hint="A dotted path into the run's result, e.g. metrics.logistic_regression.roc_auc."
                />
                <datalist id="lab-metric-paths">
                  {(lab?.metricPaths ?? []).map((path) => (
                    <option key={path} value={path} />
                  ))}
                </datalist>
                <NumericFields
                  form={form}
                  set={set}
                  errors={errors}
                  withAnswer={false}
                />
              </>
            ) : (
              <>
                <SelectField
                  label="Rule"
                  value={form.rule}
                  onChange={(rule) => set({ rule })}
                  options={[
                    { value: "", label: "Choose a rule" },
                    ...(lab?.rules ?? []).map((rule) => ({
                      value: rule,
                      label: rule,
                    })),
                  ]}
                  errors={errors.rule}
                  hint="The rule reads the run and returns the id of the right option."
                />
                <OptionsEditor
                  field="options"
                  legend="Options"
                  items={form.options}
                  onChange={(options) => set({ options })}
                  errors={errors}
                />
              </>
            )}
            <TextArea
              label="Hint shown after a wrong answer"
              value={form.hint}
              onChange={(hint) => set({ hint })}
              errors={errors.hint}
              rows={2}
            />
          </fieldset>
        )}

        <TextArea
          label="Explanation (shown after answering)"
          value={form.explanation}
          onChange={(explanation) => set({ explanation })}
          errors={errors.explanation}
          rows={3}
        />
      </EditorShell>
      <div className="lg:sticky lg:top-4 lg:self-start">
        <QuestionPreview form={form} />
      </div>
    </div>
  );
}

function NumericFields({
  form,
  set,
  errors,
  withAnswer = true,
}: {
  form: QuestionForm;
  set: (patch: Partial<QuestionForm>) => void;
  errors: Record<string, string[]>;
  withAnswer?: boolean;
}) {
  return (
    <fieldset className="grid grid-cols-2 gap-3 rounded border border-slate-200 p-3 text-sm">
      <legend className="px-1 font-medium">
        {withAnswer ? "Answer" : "Unit and tolerance"}
      </legend>
      {withAnswer && (
        <TextField
          label="Correct answer"
          value={form.answer}
          onChange={(answer) => set({ answer })}
          errors={errors.answer}
          inputMode="decimal"
        />
      )}
      <TextField
        label="Unit"
        value={form.unit}
        onChange={(unit) => set({ unit })}
        errors={errors.unit}
        hint='Optional: "%", GB, ms, h, k, examples…'
      />
      <TextField
        label="Absolute tolerance"
        value={form.toleranceAbsolute}
        onChange={(toleranceAbsolute) => set({ toleranceAbsolute })}
        inputMode="decimal"
        hint="± this much, in the unit"
      />
      <TextField
        label="Relative tolerance"
        value={form.toleranceRelative}
        onChange={(toleranceRelative) => set({ toleranceRelative })}
        inputMode="decimal"
        hint="± this share of the answer, e.g. 0.01"
      />
      {problemsUnder(errors, "tolerance").length > 0 && (
        <p
          className="col-span-2 text-xs text-red-700"
          data-testid="field-problems"
        >
          Tolerance: {problemsUnder(errors, "tolerance").join("; ")}
        </p>
      )}
    </fieldset>
  );
}
