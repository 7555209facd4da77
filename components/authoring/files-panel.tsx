"use client";

import { useState, useTransition } from "react";

import { exportContentAction, importContentAction } from "@/app/author/actions";
import type { ExportedFile } from "@/lib/authoring/export-files";
import type { ImportOutcome } from "@/lib/authoring/import-files";

import { buttonClass, secondaryButtonClass, smallButtonClass } from "./fields";

type Scope =
  { kind: "all" } | { kind: "drill" | "deck" | "rubric"; id: string };

function download(file: ExportedFile) {
  const blob = new Blob([file.text], { type: "application/yaml" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.path.split("/").pop() ?? file.path;
  link.click();
  URL.revokeObjectURL(url);
}

/** Exports content as content/ files, to download or read. */
export function ExportPanel({
  choices,
}: {
  choices: { label: string; scope: Scope }[];
}) {
  const [selected, setSelected] = useState(0);
  const [files, setFiles] = useState<ExportedFile[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = () => {
    setError(null);
    startTransition(async () => {
      const result = await exportContentAction(choices[selected].scope);
      if (result.ok) setFiles(result.data);
      else {
        setFiles([]);
        setError(result.error);
      }
    });
  };

  return (
    <section
      aria-label="Export"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h2 className="text-lg font-semibold">Export</h2>
      <div className="flex flex-wrap items-end gap-2 text-sm">
        <label>
          What
          <select
            value={selected}
            onChange={(event) => setSelected(Number(event.target.value))}
            className="ml-2 rounded border border-slate-300 bg-white px-2 py-1"
          >
            {choices.map((choice, index) => (
              <option key={index} value={index}>
                {choice.label}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          onClick={run}
          disabled={pending}
          className={buttonClass}
        >
          {pending ? "Exporting…" : "Export"}
        </button>
        {files.length > 1 && (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => files.forEach(download)}
          >
            Download all {files.length} files
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {files.map((file) => (
        <details
          key={file.path}
          className="rounded border border-slate-200 text-sm"
          data-testid="exported-file"
        >
          <summary className="flex cursor-pointer items-center gap-2 px-2 py-1">
            <code>{file.path}</code>
            <button
              type="button"
              className={smallButtonClass}
              onClick={() => download(file)}
            >
              Download
            </button>
          </summary>
          <pre className="max-h-96 overflow-auto bg-slate-50 p-2 text-xs">
            {file.text}
          </pre>
        </details>
      ))}
    </section>
  );
}

/** Imports content files by upload or paste; shows every problem, applies nothing when any. */
export function ImportPanel() {
  const [uploads, setUploads] = useState<{ name: string; text: string }[]>([]);
  const [pasted, setPasted] = useState("");
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const readFiles = async (list: FileList | null) => {
    const read = await Promise.all(
      [...(list ?? [])].map(async (file) => ({
        name: file.name,
        text: await file.text(),
      })),
    );
    setUploads(read);
  };

  const submit = (dryRun: boolean) => {
    setError(null);
    setOutcome(null);
    const files = [
      ...uploads,
      ...(pasted.trim() === "" ? [] : [{ name: "", text: pasted }]),
    ];
    startTransition(async () => {
      const result = await importContentAction({ files, dryRun });
      if (result.ok) setOutcome(result.data);
      else setError(result.error);
    });
  };

  return (
    <section
      aria-label="Import"
      className="space-y-3 rounded border border-slate-200 bg-white p-4"
    >
      <h2 className="text-lg font-semibold">Import</h2>
      <p className="text-sm text-slate-600">
        Upload drill or deck files (or topics.yaml) in the content/ format, or
        paste one file. Each file replaces the stored drill or deck with the
        same slug; everything else stays as it is. Every file is checked first,
        and nothing is written when any problem is found.
      </p>
      <label className="block text-sm">
        Files
        <input
          type="file"
          multiple
          accept=".yaml,.yml,text/yaml"
          onChange={(event) => void readFiles(event.target.files)}
          className="mt-1 block"
        />
      </label>
      <label className="block text-sm">
        Or paste a file
        <textarea
          value={pasted}
          onChange={(event) => setPasted(event.target.value)}
          rows={8}
          className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
        />
      </label>
      <div className="flex gap-2">
        <button
          type="button"
          onClick={() => submit(true)}
          disabled={pending}
          className={secondaryButtonClass}
        >
          Check only
        </button>
        <button
          type="button"
          onClick={() => submit(false)}
          disabled={pending}
          className={buttonClass}
        >
          {pending ? "Importing…" : "Import"}
        </button>
      </div>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
      {outcome && !outcome.ok && (
        <div
          role="alert"
          className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900"
          data-testid="import-problems"
        >
          <p className="font-medium">
            Nothing was imported: {outcome.problems.length} problem
            {outcome.problems.length === 1 ? "" : "s"}.
          </p>
          <ul className="mt-1 space-y-1">
            {outcome.problems.map((problem, index) => (
              <li key={index}>
                <code>
                  {problem.file}
                  {problem.line === null ? "" : `:${problem.line}`}
                  {problem.path ? ` ${problem.path}` : ""}
                </code>
                : {problem.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {outcome && outcome.ok && (
        <div
          role="status"
          className="rounded border border-green-300 bg-green-50 p-3 text-sm text-green-900"
          data-testid="import-result"
        >
          <p className="font-medium">
            {outcome.applied ? "Imported" : "Valid, not imported yet"}:{" "}
            {outcome.placed.join(", ")}
          </p>
          {outcome.summary && (
            <ul className="mt-1">
              {(
                [
                  "rubrics",
                  "drills",
                  "questions",
                  "decks",
                  "flashcards",
                ] as const
              ).map((kind) => {
                const counts = outcome.summary![kind];
                return (
                  <li key={kind}>
                    {kind}: {counts.created} created, {counts.updated} updated,{" "}
                    {counts.unchanged} unchanged
                    {counts.unpublished > 0
                      ? `, ${counts.unpublished} unpublished`
                      : ""}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
