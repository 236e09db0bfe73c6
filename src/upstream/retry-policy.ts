/** Which upstream failures are worth another try, and the loop that tries again within a deadline. */
import { UpstreamError } from "../errors.js";
import type { Deadline } from "./deadline.js";

/**
 * A failure the same request may not meet again: the connection failed or stalled, or the server
 * answered 5xx or 429. Any other 4xx says the request itself is wrong (a bad key, an unknown model,
 * too long a prompt), and a reply that could not be read will not read better the next time.
 */
export function isRetryableFailure(error: unknown): boolean {
  if (!(error instanceof UpstreamError)) return false;
  if (error.kind === "network" || error.kind === "timeout") return true;
  if (error.kind === "http") return error.status === undefined || error.status >= 500 || error.status === 429;
  return false;
}

export interface RetryOptions {
  /** Further attempts after the first (`UPSTREAM_MAX_RETRIES`). */
  maxRetries: number;
  /** No attempt starts, and no backoff is waited, past it. */
  deadline: Deadline;
  signal?: AbortSignal;
  /** Asked before each retry; false stops (e.g. once part of a streamed answer was shown). @default () => true */
  mayRetry?: () => boolean;
  /** Wait before retry `n` (1, 2, …), in milliseconds. @default 250 · 2^(n−1) */
  backoffMs?: (retry: number) => number;
}

/**
 * Runs `attempt` until it succeeds, the failure is not retryable, the retries are spent, or the
 * backoff would pass the deadline; then throws the last failure itself, so the caller reports what
 * happened (an HTTP 500) rather than running out of time waiting to retry it.
 */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const backoffMs = options.backoffMs ?? ((retry: number) => 250 * 2 ** (retry - 1));
  for (let retry = 1; ; retry += 1) {
    try {
      return await attempt();
    } catch (error) {
      const wait = backoffMs(retry);
      const canRetry =
        retry <= options.maxRetries &&
        !options.signal?.aborted &&
        isRetryableFailure(error) &&
        (options.mayRetry?.() ?? true) &&
        wait < options.deadline.remainingMs();
      if (!canRetry) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
