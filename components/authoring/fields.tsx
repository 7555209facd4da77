"use client";

import { useId } from "react";

/** Field errors keyed by editor field; "_" contains problems of the whole item. */
export type FieldErrors = Record<string, string[]>;

/** Problems of one field, shown under its input and read out with it. */
export function FieldProblems({
  id,
  messages,
}: {
  id: string;
  messages?: string[];
}) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul
      id={id}
      className="mt-1 space-y-0.5 text-xs text-red-700"
      data-testid="field-problems"
    >
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );
}

/** Collects the messages of every key under a prefix, e.g. all of "options[1]". */
export function problemsUnder(errors: FieldErrors, prefix: string): string[] {
  return Object.entries(errors)
    .filter(
      ([key]) =>
        key === prefix ||
        key.startsWith(`${prefix}.`) ||
        key.startsWith(`${prefix}[`),
    )
    .flatMap(([key, messages]) =>
      messages.map((message) =>
        key === prefix
          ? message
          : `${key.slice(prefix.length).replace(/^\./, "")}: ${message}`,
      ),
    );
}

const inputClass =
  "mt-1 block w-full rounded border border-slate-300 px-2 py-1 aria-[invalid=true]:border-red-500";

export function TextField({
  label,
  value,
  onChange,
  errors,
  hint,
  readOnly,
  placeholder,
  list,
  inputMode,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
  readOnly?: boolean;
  placeholder?: string;
  list?: string;
  inputMode?: "decimal" | "numeric" | "text";
}) {
  const id = useId();
  const problemsId = `${id}-problems`;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <input
        id={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        readOnly={readOnly}
        placeholder={placeholder}
        list={list}
        inputMode={inputMode}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-describedby={errors && errors.length > 0 ? problemsId : undefined}
        className={`${inputClass} ${readOnly ? "bg-slate-100 text-slate-600" : ""}`}
      />
      <FieldProblems id={problemsId} messages={errors} />
    </div>
  );
}

export function TextArea({
  label,
  value,
  onChange,
  errors,
  hint,
  rows = 4,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
  hint?: string;
  rows?: number;
}) {
  const id = useId();
  const problemsId = `${id}-problems`;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <textarea
        id={id}
        value={value}
        rows={rows}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-describedby={errors && errors.length > 0 ? problemsId : undefined}
        className={inputClass}
      />
      <FieldProblems id={problemsId} messages={errors} />
    </div>
  );
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  errors,
  hint,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  errors?: string[];
  hint?: string;
  disabled?: boolean;
}) {
  const id = useId();
  const problemsId = `${id}-problems`;
  return (
    <div className="text-sm">
      <label htmlFor={id} className="font-medium">
        {label}
      </label>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value)}
        aria-invalid={errors && errors.length > 0 ? true : undefined}
        aria-describedby={errors && errors.length > 0 ? problemsId : undefined}
        className={`${inputClass} bg-white`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldProblems id={problemsId} messages={errors} />
    </div>
  );
}

export const buttonClass =
  "rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700 disabled:opacity-50";
export const secondaryButtonClass =
  "rounded border border-slate-300 bg-white px-3 py-1.5 text-sm hover:bg-slate-100 disabled:opacity-50";
export const smallButtonClass =
  "rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-100 disabled:opacity-50";
