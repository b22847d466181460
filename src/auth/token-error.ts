/** A token failed validation; `message` is simplejwt's message for the reason. */
export class TokenError extends Error {
  /** Why, for logs and tests (the message the client sees is `message`). */
  readonly reason: string;

  constructor(message: string, reason: string = message) {
    super(message);
    this.name = 'TokenError';
    this.reason = reason;
  }
}
