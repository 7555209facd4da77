"use client";

import type { PublicQuestion } from "@/lib/practice/public-question";

import type { LabRunSummary } from "./lab-question";

type Option = { id: string; text: string };

export function SingleChoiceInput({
  name,
  options,
  value,
  onChange,
}: {
  name: string;
  options: Option[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="sr-only">Choose one</legend>
      {options.map((option) => (
        <label key={option.id} className="flex items-start gap-2">
          <input
            type="radio"
            name={name}
            value={option.id}
            checked={value === option.id}
            onChange={() => onChange(option.id)}
            className="mt-1"
          />
          <span>{option.text}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function MultipleChoiceInput({
  options,
  value,
  onChange,
}: {
  options: Option[];
  value: string[];
  onChange: (value: string[]) => void;
}) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs text-slate-500">Choose all that apply</legend>
      {options.map((option) => (
        <label key={option.id} className="flex items-start gap-2">
          <input
            type="checkbox"
            value={option.id}
            checked={value.includes(option.id)}
            onChange={(event) =>
              onChange(
                event.target.checked
                  ? [...value, option.id]
                  : value.filter((id) => id !== option.id),
              )
            }
            className="mt-1"
          />
          <span>{option.text}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function OrderingInput({
  items,
  order,
  onChange,
}: {
  items: Option[];
  order: string[];
  onChange: (order: string[]) => void;
}) {
  const byId = new Map(items.map((item) => [item.id, item]));
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= order.length) return;
    const next = [...order];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };

  return (
    <ol className="space-y-1" aria-label="Order the items, first at the top">
      {order.map((id, index) => (
        <li
          key={id}
          className="flex items-center gap-2 rounded border border-slate-200 bg-slate-50 px-2 py-1"
          data-testid="ordering-item"
        >
          <span className="w-5 text-right text-slate-500">{index + 1}.</span>
          <span className="flex-1">{byId.get(id)?.text ?? id}</span>
          <button
            type="button"
            onClick={() => move(index, -1)}
            disabled={index === 0}
            aria-label={`Move "${byId.get(id)?.text}" up`}
            className="rounded px-2 hover:bg-slate-200 disabled:opacity-30"
          >
            ↑
          </button>
          <button
            type="button"
            onClick={() => move(index, 1)}
            disabled={index === order.length - 1}
            aria-label={`Move "${byId.get(id)?.text}" down`}
            className="rounded px-2 hover:bg-slate-200 disabled:opacity-30"
          >
            ↓
          </button>
        </li>
      ))}
    </ol>
  );
}

export function NumericInput({
  unit,
  value,
  onChange,
  label = "Your answer",
}: {
  unit?: string;
  value: string;
  onChange: (value: string) => void;
  label?: string;
}) {
  return (
    <label className="block text-sm">
      {label}
      {unit ? ` (in ${unit}, or with a unit such as "8 GB")` : ""}
      <input
        type="text"
        inputMode="decimal"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="mt-1 block w-60 rounded border border-slate-300 px-2 py-1"
      />
    </label>
  );
}

/** Initial answer state for a question, before the learner touches it. */
export function emptyAnswerState(question: PublicQuestion) {
  return {
    choice: "",
    choices: [] as string[],
    value: "",
    text: "",
    order:
      question.kind === "ordering" ? question.items.map((item) => item.id) : [],
  };
}

/** Builds the answer the grader expects from a question's input state. */
export function answerFromState(
  question: PublicQuestion,
  state: ReturnType<typeof emptyAnswerState>,
  labRun: LabRunSummary | null,
): unknown {
  switch (question.kind) {
    case "single_choice":
      return { choice: state.choice };
    case "multiple_choice":
      return { choices: state.choices };
    case "numeric":
      return { value: state.value };
    case "ordering":
      return { order: state.order };
    case "free_text":
      return { text: state.text };
    case "lab":
      return question.answerType === "numeric"
        ? { labRunId: labRun?.id ?? "", value: state.value }
        : { labRunId: labRun?.id ?? "", choice: state.choice };
  }
}
