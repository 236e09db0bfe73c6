/** Why a chat request failed, in the terms the interface explains to the reader. */
export type ChatFailureKind = "network" | "interrupted" | "rate_limited" | "server" | "rejected";

/** A failed `POST /api/chat`: the kind decides the message shown; every kind can be retried. */
export class ChatRequestError extends Error {
  readonly kind: ChatFailureKind;
  readonly status?: number;
  readonly code?: string;
  /** Seconds from the `Retry-After` header of a 429. */
  readonly retryAfterSeconds?: number;

  constructor(
    kind: ChatFailureKind,
    message: string,
    details: { status?: number; code?: string; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ChatRequestError";
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}
