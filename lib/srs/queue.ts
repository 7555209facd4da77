import { State } from "./card-state";

/** The fields of a CardState row that the queue reads. */
export interface QueueCardState {
  cardId: string;
  due: Date;
  state: number;
  suspended: boolean;
}

export interface QueueItem {
  cardId: string;
  /** "due": reviewed before and due now; "new": never reviewed. */
  kind: "due" | "new";
  /** Due date of a due card; null for a new card. */
  due: Date | null;
}

export interface QueueInput<C extends { id: string }> {
  /** The learner's card states; at most one per card. */
  states: readonly QueueCardState[];
  /** The cards to study, in the order new cards are introduced. */
  cards: readonly C[];
  now: Date;
  /** The account's limit of new cards per day. */
  newPerDay: number;
  /** New cards the learner already started today. */
  newIntroducedToday: number;
}

/**
 * Builds a study queue. Due cards come first, most overdue first (earliest
 * due date, ties by card id). New cards follow in the order of `cards`, up
 * to newPerDay − newIntroducedToday. A card whose state is still New
 * counts as new. Suspended cards are left out, and so are states of cards
 * missing from `cards` (unpublished or deleted). Learning cards due later
 * today join the queue once they are due.
 *
 * @throws RangeError when newPerDay or newIntroducedToday is not a
 *   non-negative integer, or a card has two states.
 */
export function buildQueue<C extends { id: string }>(
  input: QueueInput<C>,
): QueueItem[] {
  const { states, cards, now, newPerDay, newIntroducedToday } = input;
  checkCount(newPerDay, "newPerDay");
  checkCount(newIntroducedToday, "newIntroducedToday");

  const stateByCard = new Map<string, QueueCardState>();
  for (const state of states) {
    if (stateByCard.has(state.cardId)) {
      throw new RangeError(
        `card '${state.cardId}' has two card states; keep one state per card and learner`,
      );
    }
    stateByCard.set(state.cardId, state);
  }

  const due: { cardId: string; due: Date }[] = [];
  const fresh: QueueItem[] = [];
  for (const card of cards) {
    const state = stateByCard.get(card.id);
    if (state?.suspended) continue;

    if (!state || state.state === State.New) {
      fresh.push({ cardId: card.id, kind: "new", due: null });
    } else if (state.due.getTime() <= now.getTime()) {
      due.push({ cardId: card.id, due: state.due });
    }
  }

  due.sort(
    (a, b) =>
      a.due.getTime() - b.due.getTime() || compareIds(a.cardId, b.cardId),
  );
  const newLimit = Math.max(0, newPerDay - newIntroducedToday);
  const dueItems = due.map((item): QueueItem => ({ ...item, kind: "due" }));
  return [...dueItems, ...fresh.slice(0, newLimit)];
}

function compareIds(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

function checkCount(value: number, name: string): void {
  if (!(Number.isInteger(value) && value >= 0)) {
    throw new RangeError(
      `${name} ${value} is invalid; use a whole number of 0 or more`,
    );
  }
}
