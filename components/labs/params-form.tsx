"use client";

import {
  formatBound,
  type LabParameterField,
  type ParameterTexts,
} from "./parameter-fields";

function boundsOf(field: LabParameterField): string {
  if (field.kind === "enum") {
    return `One of ${field.options.join(", ")}; default ${field.defaultValue}`;
  }
  const kind = field.kind === "integer" ? "Whole number" : "Number";
  return `${kind} from ${formatBound(field.min)} to ${formatBound(field.max)}; default ${formatBound(field.defaultValue)}`;
}

/**
 * Renders the inputs of a lab's parameters with each one's bounds and
 * help, and the message of an invalid value next to its field.
 */
export function ParameterInputs({
  fields,
  texts,
  fieldErrors,
  disabled,
  onChange,
}: {
  fields: LabParameterField[];
  texts: ParameterTexts;
  fieldErrors: Record<string, string[]>;
  disabled: boolean;
  onChange: (name: string, text: string) => void;
}) {
  return (
    <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {fields.map((field) => {
        const id = `lab-param-${field.name}`;
        const errors = fieldErrors[field.name] ?? [];
        const invalid = errors.length > 0;
        const describedBy = [
          `${id}-bounds`,
          field.help ? `${id}-help` : null,
          invalid ? `${id}-error` : null,
        ]
          .filter(Boolean)
          .join(" ");
        const inputClass = `mt-1 block w-full rounded border px-2 py-1 text-sm ${
          invalid ? "border-red-500 bg-red-50" : "border-slate-300"
        }`;

        return (
          <div
            key={field.name}
            className="min-w-0"
            data-testid={`param-${field.name}`}
          >
            <label htmlFor={id} className="block text-sm font-medium">
              {field.label}{" "}
              <code className="text-xs font-normal text-slate-500">
                {field.name}
              </code>
            </label>
            {field.kind === "enum" ? (
              <select
                id={id}
                value={texts[field.name] ?? ""}
                disabled={disabled}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => onChange(field.name, event.target.value)}
                className={inputClass}
              >
                {field.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                type="text"
                inputMode={field.kind === "integer" ? "numeric" : "decimal"}
                autoComplete="off"
                value={texts[field.name] ?? ""}
                disabled={disabled}
                aria-invalid={invalid}
                aria-describedby={describedBy}
                onChange={(event) => onChange(field.name, event.target.value)}
                className={inputClass}
              />
            )}
            <p id={`${id}-bounds`} className="mt-1 text-xs text-slate-500">
              {boundsOf(field)}
            </p>
            {field.help && (
              <p id={`${id}-help`} className="text-xs text-slate-600">
                {field.help}
              </p>
            )}
            {invalid && (
              <p
                id={`${id}-error`}
                className="mt-1 text-xs font-medium text-red-700"
                data-testid={`param-error-${field.name}`}
              >
                {errors.join("; ")}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
