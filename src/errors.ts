/** Typed errors. User errors map to 4xx responses; everything else is logged and answered with a 500. */

export class AppError extends Error {
  readonly code: string;
  override readonly cause?: unknown;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.cause = options.cause;
  }
}

/** Bad input from a caller: answered with `status` and `{"error":{"code","message"}}`. */
export class UserError extends AppError {
  readonly status: number;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(code, message);
    this.status = status;
    this.details = details;
  }
}

/** A configuration value is missing or malformed; names the environment variable. */
export class ConfigError extends AppError {
  readonly variable: string;

  constructor(variable: string, message: string) {
    super("config_error", `${variable}: ${message}`);
    this.variable = variable;
  }
}

/** The index on disk cannot be used as it is (missing, stale, foreign embedder, corrupted), or cannot be rebuilt. */
export class IndexError extends AppError {
  readonly reason: "missing" | "stale" | "foreign_embedder" | "corrupted" | "locked" | "read_only";

  constructor(reason: IndexError["reason"], message: string, options: { cause?: unknown } = {}) {
    super(`index_${reason}`, message, options);
    this.reason = reason;
  }
}

/** An upstream model server (embeddings or chat) failed, timed out or is switched off by the breaker. */
export class UpstreamError extends AppError {
  readonly kind: "timeout" | "http" | "malformed" | "circuit_open" | "network";
  /** The HTTP status the upstream answered with, for `http` failures. */
  readonly status?: number;

  constructor(kind: UpstreamError["kind"], message: string, options: { cause?: unknown; status?: number } = {}) {
    super(`upstream_${kind}`, message, options);
    this.kind = kind;
    this.status = options.status;
  }
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
