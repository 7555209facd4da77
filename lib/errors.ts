/**
 * An expected failure whose message is safe to show the user as it is:
 * what was wrong and what to do. Anything else thrown inside an action is
 * logged with an id and reaches the user as a generic message.
 */
export class UserError extends Error {
  readonly fieldErrors?: Record<string, string[]>;

  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super(message);
    this.name = "UserError";
    this.fieldErrors = fieldErrors;
  }
}

/** A request that the signed-in user's role does not allow. */
export class ForbiddenError extends UserError {
  constructor(message = "Your account's role does not allow this action.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** A request that needs a signed-in user. */
export class UnauthenticatedError extends UserError {
  constructor(message = "Sign in to continue.") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}
