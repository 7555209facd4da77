"use client";

import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";

import {
  discardDraftAction,
  publishItemAction,
  saveDraftAction,
} from "@/app/author/actions";
import type { EntityType } from "@/lib/authoring/forms";

import type { FieldErrors } from "./fields";

/** Milliseconds after the last keystroke before a draft is saved. */
const autosaveDelayMs = 1200;

/** Editor route of each type, for the redirect after a first publish. */
export const editorPaths: Record<EntityType, string> = {
  drill: "/author/drills",
  question: "/author/questions",
  rubric: "/author/rubrics",
  deck: "/author/decks",
  flashcard: "/author/cards",
};

export interface EditorOptions<F> {
  entityType: EntityType;
  /** The stored item, or null for a new one. */
  entityId: string | null;
  initialForm: F;
  /** The stored item's form, which discarding a draft goes back to; initialForm when absent. */
  storedForm?: F;
  /** The stored version the form started from; null for a new item. */
  baseVersion: number | null;
  /** A draft the form was restored from. */
  initialDraftId: string | null;
}

/**
 * Keeps an editor form, saves it as a draft shortly after every change, and
 * publishes it. Problems come back keyed by field; "_" contains problems of the
 * whole item.
 */
export function useEditor<F>(options: EditorOptions<F>) {
  const router = useRouter();
  const [form, setFormState] = useState<F>(options.initialForm);
  const [draftId, setDraftId] = useState<string | null>(options.initialDraftId);
  const [status, setStatus] = useState<string>(
    options.initialDraftId ? "Restored your unpublished draft." : "",
  );
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [pending, startTransition] = useTransition();
  const dirty = useRef(false);
  const draftRef = useRef(draftId);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const saveNow = useCallback(
    async (data: F) => {
      const result = await saveDraftAction({
        entityType: options.entityType,
        entityId: options.entityId,
        draftId: draftRef.current,
        data,
      });
      if (!result.ok) {
        setStatus(`Draft not saved: ${result.error}`);
        return null;
      }
      dirty.current = false;
      setDraftId(result.data.draftId);
      draftRef.current = result.data.draftId;
      if (options.entityId === null) {
        const url = new URL(window.location.href);
        url.searchParams.set("draft", result.data.draftId);
        window.history.replaceState(null, "", url);
      }
      setStatus(
        `Draft saved at ${new Date(result.data.savedAt).toLocaleTimeString()}.`,
      );
      return result.data.draftId;
    },
    [options.entityType, options.entityId],
  );

  const setForm = useCallback((update: (previous: F) => F) => {
    dirty.current = true;
    setStatus("Unsaved changes…");
    setFormState(update);
  }, []);

  useEffect(() => {
    if (!dirty.current) return;
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      void saveNow(form);
    }, autosaveDelayMs);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [form, saveNow]);

  const publish = () => {
    setError(null);
    if (timer.current) clearTimeout(timer.current);
    startTransition(async () => {
      let currentDraft = draftRef.current;
      if (dirty.current) currentDraft = (await saveNow(form)) ?? currentDraft;
      const result = await publishItemAction({
        entityType: options.entityType,
        entityId: options.entityId,
        form,
        baseVersion: options.baseVersion,
        draftId: currentDraft,
      });
      if (!result.ok) {
        setError(result.error);
        setFieldErrors(result.fieldErrors ?? {});
        return;
      }
      setFieldErrors({});
      setDraftId(null);
      draftRef.current = null;
      const { id, version, changed, published } = result.data;
      setStatus(
        changed
          ? `Published version ${version}${published ? "" : " (hidden from learners)"}.`
          : `Nothing changed since version ${version}.`,
      );
      if (options.entityId === null) {
        router.push(
          `${editorPaths[options.entityType]}/${id}?published=${version}`,
        );
      } else {
        router.refresh();
      }
    });
  };

  const discard = () => {
    const id = draftRef.current;
    if (!id) return;
    startTransition(async () => {
      const result = await discardDraftAction({ draftId: id });
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setDraftId(null);
      draftRef.current = null;
      dirty.current = false;
      setFormState(options.storedForm ?? options.initialForm);
      setStatus("Draft discarded.");
      if (options.entityId === null) {
        const url = new URL(window.location.href);
        url.searchParams.delete("draft");
        window.history.replaceState(null, "", url);
      }
      router.refresh();
    });
  };

  return {
    form,
    setForm,
    draftId,
    status,
    error,
    fieldErrors,
    pending,
    publish,
    discard,
  };
}
