"use client";

import { useState, useTransition } from "react";

import { deleteAccountAction } from "./actions";

/** Deletes the account once the learner has typed its email. */
export function DeleteAccountForm({ email }: { email: string }) {
  const [confirmEmail, setConfirmEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const matches = confirmEmail.trim().toLowerCase() === email.toLowerCase();

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    startTransition(async () => {
      const result = await deleteAccountAction({ confirmEmail });
      if (result && !result.ok) setError(result.error);
    });
  };

  return (
    <form
      aria-label="Delete account"
      onSubmit={submit}
      className="space-y-3 rounded border border-red-200 bg-white p-4"
    >
      <h2 className="text-lg font-semibold text-red-800">Delete my account</h2>
      <p className="text-sm text-slate-700">
        This deletes your account and all your data: attempts, flashcard
        progress and review history, lab runs, mock interviews, class
        memberships, and any classes you own. It cannot be undone. Export your
        data first if you want to keep it.
      </p>
      <div>
        <label htmlFor="confirmEmail" className="block text-sm font-medium">
          Type your email, {email}, to confirm
        </label>
        <input
          id="confirmEmail"
          name="confirmEmail"
          type="email"
          autoComplete="off"
          value={confirmEmail}
          onChange={(event) => setConfirmEmail(event.target.value)}
          className="mt-1 block w-full max-w-sm rounded border border-slate-300 p-1.5"
        />
      </div>
      <button
        type="submit"
        disabled={pending || !matches}
        className="rounded bg-red-700 px-3 py-1.5 text-sm text-white hover:bg-red-800 disabled:opacity-50"
      >
        {pending ? "Deleting…" : "Delete my account"}
      </button>
      {error && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {error}
        </p>
      )}
    </form>
  );
}
