"use client";

import { useState, useTransition } from "react";

import { importAnkiCardsAction } from "@/app/cards/actions";
import { maxImportCharacters } from "@/lib/review/anki-limits";
import type { AnkiImportSummary } from "@/lib/review/anki-import";

/** Paste-or-upload form that imports an Anki CSV/TSV file into one deck. */
export function AnkiImportForm({
  decks,
}: {
  decks: { slug: string; title: string }[];
}) {
  const [fileText, setFileText] = useState("");
  const [deck, setDeck] = useState(decks[0]?.slug ?? "");
  const [error, setError] = useState<string | null>(null);
  const [summary, setSummary] = useState<AnkiImportSummary | null>(null);
  const [pending, startTransition] = useTransition();

  const readFile = async (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setError(null);
    if (file.size > maxImportCharacters * 4) {
      setError(
        `${file.name} is ${file.size.toLocaleString("en")} bytes, too large to import. Split it into smaller files.`,
      );
      return;
    }
    setFileText(await file.text());
  };

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSummary(null);
    startTransition(async () => {
      const result = await importAnkiCardsAction({ fileText, deck });
      if (result.ok) setSummary(result.data);
      else setError(result.error);
    });
  };

  return (
    <form
      aria-label="Import Anki cards"
      onSubmit={submit}
      className="space-y-3 rounded border border-slate-200 bg-white p-4 text-sm"
    >
      <label className="block">
        Deck (slug of an existing deck, or a new deck&apos;s name)
        <input
          name="deck"
          list="anki-import-decks"
          value={deck}
          onChange={(event) => setDeck(event.target.value)}
          required
          className="mt-1 block w-full rounded border border-slate-300 p-1.5"
        />
        <datalist id="anki-import-decks">
          {decks.map((option) => (
            <option key={option.slug} value={option.slug}>
              {option.title}
            </option>
          ))}
        </datalist>
      </label>
      <label className="block">
        File (.txt, .tsv or .csv)
        <input
          type="file"
          accept=".txt,.tsv,.csv,text/plain,text/csv,text/tab-separated-values"
          onChange={readFile}
          className="mt-1 block"
        />
      </label>
      <label className="block">
        Or paste the file&apos;s text
        <textarea
          name="fileText"
          value={fileText}
          onChange={(event) => setFileText(event.target.value)}
          rows={12}
          spellCheck={false}
          className="mt-1 block w-full rounded border border-slate-300 p-2 font-mono text-xs"
        />
      </label>
      <button
        type="submit"
        disabled={pending || fileText.trim() === ""}
        className="rounded bg-indigo-600 px-3 py-1.5 text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {pending ? "Importing…" : "Import cards"}
      </button>
      {error && (
        <p
          role="alert"
          className="whitespace-pre-wrap rounded bg-red-50 p-2 text-red-800"
        >
          {error}
        </p>
      )}
      {summary && (
        <p role="status" className="text-green-800">
          Imported {summary.created} new and {summary.updated} updated{" "}
          {summary.created + summary.updated === 1 ? "card" : "cards"} into{" "}
          {summary.decks.join(", ")}.
        </p>
      )}
    </form>
  );
}
