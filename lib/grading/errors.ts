/**
 * Errors the graders throw. Both carry messages that are safe to show:
 * they name the value and what to do, and never the expected answer.
 */

/** The learner's answer is malformed; `field` names the answer field. */
export class InvalidAnswerError extends Error {
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = "InvalidAnswerError";
    this.field = field;
  }
}

/**
 * The question spec, rubric or lab wiring is inconsistent (an option id
 * that does not exist, an unknown unit, a missing lab rule). This is a
 * content or configuration fault, not the learner's.
 */
export class InvalidSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidSpecError";
  }
}
