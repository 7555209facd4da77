"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";

import { restoreVersionAction, setPublishedAction } from "@/app/author/actions";
import type { EntityType } from "@/lib/authoring/forms";

import { secondaryButtonClass, smallButtonClass } from "./fields";

/** Hides an item from learners or shows it again. */
export function VisibilityButton({
  entityType,
  entityId,
  published,
}: {
  entityType: EntityType;
  entityId: string;
  published: boolean;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const toggle = () => {
    setError(null);
    startTransition(async () => {
      const result = await setPublishedAction({
        entityType,
        entityId,
        published: !published,
      });
      if (!result.ok) setError(result.error);
      else router.refresh();
    });
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={toggle}
        disabled={pending}
        className={secondaryButtonClass}
      >
        {published ? "Unpublish (hide from learners)" : "Show to learners"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      )}
    </span>
  );
}

/** Publishes an old version's content again as a new version. */
export function RestoreButton({
  entityType,
  entityId,
  version,
}: {
  entityType: EntityType;
  entityId: string;
  version: number;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const restore = () => {
    setMessage(null);
    startTransition(async () => {
      const result = await restoreVersionAction({
        entityType,
        entityId,
        version,
      });
      if (!result.ok) {
        const details = Object.entries(result.fieldErrors ?? {})
          .map(
            ([field, messages]) =>
              `${field === "_" ? "" : `${field}: `}${messages.join("; ")}`,
          )
          .join(". ");
        setMessage(`${result.error}${details ? ` ${details}` : ""}`);
      } else {
        setMessage(
          result.data.changed
            ? `Restored as version ${result.data.version}.`
            : "That is the current content already.",
        );
        router.refresh();
      }
    });
  };
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        onClick={restore}
        disabled={pending}
        className={smallButtonClass}
      >
        Restore as new version
      </button>
      {message && (
        <span role="status" className="text-xs text-slate-700">
          {message}
        </span>
      )}
    </span>
  );
}
