/** Where each authored type's editor lives. */
const editorRoots: Record<string, string> = {
  drill: "/author/drills",
  question: "/author/questions",
  rubric: "/author/rubrics",
  deck: "/author/decks",
  flashcard: "/author/cards",
};

/** The editor of an item, or of a new item resuming a draft. */
export function editorPathOf(
  type: string,
  entityId: string | null,
  draftId?: string,
): string {
  const root = editorRoots[type] ?? "/author";
  if (entityId) return `${root}/${entityId}`;
  return draftId
    ? `${root}/new?draft=${encodeURIComponent(draftId)}`
    : `${root}/new`;
}

/** The history page of an item. */
export function historyPathOf(type: string, entityId: string): string {
  return `/author/history/${type}/${entityId}`;
}
