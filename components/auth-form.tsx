"use client";

import Link from "next/link";
import { useActionState } from "react";

import type { ActionResult } from "@/lib/actions/define-action";

type AuthAction = (
  state: ActionResult<void> | null,
  form: FormData,
) => Promise<ActionResult<void>>;

export function AuthForm({
  mode,
  action,
  callbackUrl,
}: {
  mode: "sign-in" | "sign-up";
  action: AuthAction;
  callbackUrl?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const failed = state && !state.ok ? state : null;
  const fieldError = (name: string) => failed?.fieldErrors?.[name]?.join(" ");

  return (
    <form
      action={formAction}
      className="max-w-sm space-y-4 rounded border border-slate-200 bg-white p-6"
      aria-label={mode === "sign-in" ? "Sign in" : "Sign up"}
    >
      <h1 className="text-2xl font-semibold">
        {mode === "sign-in" ? "Sign in" : "Create an account"}
      </h1>
      {failed && (
        <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-800">
          {failed.error}
        </p>
      )}
      {callbackUrl && (
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
      )}
      {mode === "sign-up" && (
        <label className="block text-sm">
          Name (optional)
          <input
            name="name"
            defaultValue={failed?.values?.name}
            className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
          />
        </label>
      )}
      <label className="block text-sm">
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="email"
          defaultValue={failed?.values?.email}
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
        />
        {fieldError("email") && (
          <span className="text-xs text-red-700">{fieldError("email")}</span>
        )}
      </label>
      <label className="block text-sm">
        Password
        <input
          name="password"
          type="password"
          required
          autoComplete={
            mode === "sign-in" ? "current-password" : "new-password"
          }
          className="mt-1 block w-full rounded border border-slate-300 px-2 py-1"
        />
        {mode === "sign-up" && (
          <span className="text-xs text-slate-500">
            At least 10 characters, mixing two of: lowercase, uppercase, digits,
            symbols.
          </span>
        )}
      </label>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded bg-indigo-600 px-3 py-2 text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {pending ? "Please wait…" : mode === "sign-in" ? "Sign in" : "Sign up"}
      </button>
      <p className="text-sm text-slate-600">
        {mode === "sign-in" ? (
          <>
            No account yet?{" "}
            <Link href="/sign-up" className="text-indigo-700">
              Sign up
            </Link>
          </>
        ) : (
          <>
            Already registered?{" "}
            <Link href="/sign-in" className="text-indigo-700">
              Sign in
            </Link>
          </>
        )}
      </p>
    </form>
  );
}
