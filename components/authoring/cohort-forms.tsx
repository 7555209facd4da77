"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import {
  createCohortAction,
  removeMemberAction,
  renewJoinCodeAction,
} from "@/app/author/cohorts/actions";
import { joinCohortAction, leaveCohortAction } from "@/app/cohorts/actions";

import { buttonClass, smallButtonClass } from "./fields";

/** Creates a class and shows its join code. */
export function CreateCohortForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      aria-label="Create a class"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        startTransition(async () => {
          const result = await createCohortAction({ name });
          if (!result.ok) setError(result.error);
          else router.push(`/author/cohorts/${result.data.id}`);
        });
      }}
    >
      <label className="text-sm">
        Class name
        <input
          value={name}
          onChange={(event) => setName(event.target.value)}
          className="ml-2 rounded border border-slate-300 px-2 py-1"
          maxLength={120}
        />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        Create class
      </button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </form>
  );
}

/** Gives a class a new join code. */
export function RenewCodeButton({ cohortId }: { cohortId: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span>
      <button
        type="button"
        className={smallButtonClass}
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await renewJoinCodeAction({ cohortId });
            if (!result.ok) setError(result.error);
            else router.refresh();
          })
        }
      >
        New code
      </button>
      {error && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** Removes a learner from a class. */
export function RemoveMemberButton({
  cohortId,
  userId,
  name,
}: {
  cohortId: string;
  userId: string;
  name: string;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span>
      <button
        type="button"
        className={smallButtonClass}
        disabled={pending}
        aria-label={`Remove ${name} from the class`}
        onClick={() =>
          startTransition(async () => {
            const result = await removeMemberAction({ cohortId, userId });
            if (!result.ok) setError(result.error);
            else router.refresh();
          })
        }
      >
        Remove
      </button>
      {error && (
        <span role="alert" className="ml-2 text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** The learner's form to join a class by its code. */
export function JoinCohortForm({ initialCode = "" }: { initialCode?: string }) {
  const router = useRouter();
  const [code, setCode] = useState(initialCode);
  const [error, setError] = useState<string | null>(null);
  const [joined, setJoined] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      aria-label="Join a class"
      className="space-y-2"
      onSubmit={(event) => {
        event.preventDefault();
        setError(null);
        setJoined(null);
        startTransition(async () => {
          const result = await joinCohortAction({ code });
          if (!result.ok) setError(result.error);
          else {
            setJoined(
              result.data.alreadyMember
                ? `You are already in ${result.data.name}.`
                : `You joined ${result.data.name}.`,
            );
            router.refresh();
          }
        });
      }}
    >
      <label className="block text-sm">
        Join code
        <input
          value={code}
          onChange={(event) => setCode(event.target.value)}
          placeholder="ABCD-2345"
          autoComplete="off"
          className="mt-1 block w-48 rounded border border-slate-300 px-2 py-1 font-mono uppercase"
        />
      </label>
      <button type="submit" disabled={pending} className={buttonClass}>
        Join
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      {joined && (
        <p role="status" className="text-sm text-green-800">
          {joined}
        </p>
      )}
    </form>
  );
}

/** Leaves a class. */
export function LeaveCohortButton({ cohortId }: { cohortId: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className={smallButtonClass}
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await leaveCohortAction({ cohortId });
          if (result.ok) router.refresh();
        })
      }
    >
      Leave
    </button>
  );
}
