"use client";

import type { OptionForm } from "@/lib/authoring/forms";

import {
  FieldProblems,
  problemsUnder,
  smallButtonClass,
  type FieldErrors,
} from "./fields";

/**
 * Edits a list of options or ordering items: id and text per row, an
 * optional "correct" mark, and buttons to add, remove and move rows.
 * `field` is the form key ("options" or "items") that problems use.
 */
export function OptionsEditor({
  field,
  legend,
  items,
  onChange,
  errors,
  correct,
  onCorrectChange,
  correctMode,
}: {
  field: "options" | "items";
  legend: string;
  items: OptionForm[];
  onChange: (items: OptionForm[]) => void;
  errors: FieldErrors;
  correct?: string[];
  onCorrectChange?: (correct: string[]) => void;
  correctMode?: "single" | "multiple";
}) {
  const update = (index: number, patch: Partial<OptionForm>) =>
    onChange(
      items.map((item, i) => (i === index ? { ...item, ...patch } : item)),
    );
  const move = (index: number, delta: number) => {
    const target = index + delta;
    if (target < 0 || target >= items.length) return;
    const next = [...items];
    [next[index], next[target]] = [next[target], next[index]];
    onChange(next);
  };
  const toggleCorrect = (id: string, checked: boolean) => {
    if (!onCorrectChange || !correct) return;
    if (correctMode === "single") onCorrectChange(checked ? [id] : []);
    else
      onCorrectChange(
        checked ? [...correct, id] : correct.filter((value) => value !== id),
      );
  };
  const listProblems = errors[field] ?? [];

  return (
    <fieldset className="space-y-2 rounded border border-slate-200 p-3 text-sm">
      <legend className="px-1 font-medium">{legend}</legend>
      {items.map((item, index) => {
        const rowProblems = problemsUnder(errors, `${field}[${index}]`);
        return (
          <div key={index} className="space-y-1" data-testid={`${field}-row`}>
            <div className="flex flex-wrap items-center gap-2">
              {correct && (
                <label className="flex items-center gap-1 text-xs">
                  <input
                    type={correctMode === "single" ? "radio" : "checkbox"}
                    name={`${field}-correct`}
                    checked={correct.includes(item.id) && item.id !== ""}
                    onChange={(event) =>
                      toggleCorrect(item.id, event.target.checked)
                    }
                  />
                  correct
                </label>
              )}
              <input
                aria-label={`${field === "items" ? "Item" : "Option"} ${index + 1} id`}
                value={item.id}
                onChange={(event) => {
                  const previous = item.id;
                  update(index, { id: event.target.value });
                  if (
                    correct &&
                    onCorrectChange &&
                    correct.includes(previous)
                  ) {
                    onCorrectChange(
                      correct.map((value) =>
                        value === previous ? event.target.value : value,
                      ),
                    );
                  }
                }}
                placeholder="id, e.g. option-a"
                className="w-36 rounded border border-slate-300 px-2 py-1"
              />
              <input
                aria-label={`${field === "items" ? "Item" : "Option"} ${index + 1} text`}
                value={item.text}
                onChange={(event) =>
                  update(index, { text: event.target.value })
                }
                placeholder="Text the learner sees"
                className="min-w-48 flex-1 rounded border border-slate-300 px-2 py-1"
              />
              <button
                type="button"
                className={smallButtonClass}
                onClick={() => move(index, -1)}
                disabled={index === 0}
                aria-label={`Move row ${index + 1} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className={smallButtonClass}
                onClick={() => move(index, 1)}
                disabled={index === items.length - 1}
                aria-label={`Move row ${index + 1} down`}
              >
                ↓
              </button>
              <button
                type="button"
                className={smallButtonClass}
                onClick={() => onChange(items.filter((_, i) => i !== index))}
                aria-label={`Remove row ${index + 1}`}
              >
                Remove
              </button>
            </div>
            <FieldProblems
              id={`${field}-${index}-problems`}
              messages={rowProblems}
            />
          </div>
        );
      })}
      <button
        type="button"
        className={smallButtonClass}
        onClick={() =>
          onChange([
            ...items,
            {
              id: `${field === "items" ? "item" : "option"}-${items.length + 1}`,
              text: "",
            },
          ])
        }
      >
        Add {field === "items" ? "item" : "option"}
      </button>
      <FieldProblems id={`${field}-problems`} messages={listProblems} />
    </fieldset>
  );
}
