import { z } from "zod";

/** Lowest and highest desired retention a learner may choose. */
export const minDesiredRetention = 0.7;
export const maxDesiredRetention = 0.99;

/** Largest number of new cards a learner may take on per UTC day. */
export const maxNewCardsPerDay = 500;

/**
 * Accepts a number, or a form field's text holding one. Blank text stays
 * blank so it fails as missing instead of turning into 0.
 */
function numberFromForm(schema: z.ZodNumber) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : Number(trimmed);
  }, schema);
}

/**
 * A learner's review settings as the settings form submits them. Kept apart
 * from the service so the browser can import it without server code.
 *
 * - desiredRetention: the probability of recall FSRS aims for when it
 *   schedules the next review, from 0.70 to 0.99.
 * - newCardsPerDay: how many never-reviewed cards the queue adds per UTC
 *   day, a whole number from 0 to 500.
 */
export const reviewSettingsSchema = z.strictObject({
  desiredRetention: numberFromForm(
    z
      .number({ error: "Desired retention must be a number, such as 0.9." })
      .min(minDesiredRetention, {
        error: `Desired retention must be at least ${minDesiredRetention.toFixed(2)}; below that you forget too many cards for reviews to help.`,
      })
      .max(maxDesiredRetention, {
        error: `Desired retention must be at most ${maxDesiredRetention.toFixed(2)}; higher values make the review load grow without bound.`,
      }),
  ),
  newCardsPerDay: numberFromForm(
    z
      .number({
        error: "New cards per day must be a whole number, such as 20.",
      })
      .int({ error: "New cards per day must be a whole number, such as 20." })
      .min(0, { error: "New cards per day must be 0 or more." })
      .max(maxNewCardsPerDay, {
        error: `New cards per day must be at most ${maxNewCardsPerDay}.`,
      }),
  ),
});

export type ReviewSettings = z.infer<typeof reviewSettingsSchema>;
