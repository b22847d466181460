/** A token failed validation; `message` is simplejwt's message for the reason. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}
