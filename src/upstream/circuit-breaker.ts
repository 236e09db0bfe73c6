import { UpstreamError } from "../errors.js";

/** `closed`: calls go through. `open`: calls fail at once. `half-open`: one trial call decides. */
export type CircuitState = "closed" | "open" | "half-open";

export interface CircuitBreakerOptions {
  /**
   * Consecutive failures that open the circuit.
   * @default 3
   */
  failureThreshold?: number;
  /**
   * How long the circuit stays open before one trial call is let through, in milliseconds.
   * @default 30000
   */
  coolDownMs?: number;
  /** Told of every change of state, e.g. to log it. */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
}

/**
 * Stops calling an upstream that keeps failing: after `failureThreshold` consecutive failures every
 * call throws `UpstreamError("circuit_open")` at once, until `coolDownMs` has passed; then a single
 * trial call is let through, and its outcome closes the circuit again or reopens it.
 *
 * @example
 * const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 30_000 });
 * const text = await breaker.run(() => callTheModel(), request.signal);
 */
export class CircuitBreaker {
  private readonly failureThreshold: number;
  private readonly coolDownMs: number;
  private readonly now: () => number;
  private currentState: CircuitState = "closed";
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.failureThreshold = options.failureThreshold ?? 3;
    this.coolDownMs = options.coolDownMs ?? 30_000;
    this.now = options.now ?? Date.now;
    if (!Number.isInteger(this.failureThreshold) || this.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a whole number of at least 1, got ${this.failureThreshold}`);
    }
    if (!(this.coolDownMs >= 0)) throw new RangeError(`coolDownMs must not be negative, got ${this.coolDownMs}`);
  }

  /** The state as of now (an open circuit whose cool-down has passed reads as half-open). */
  get state(): CircuitState {
    if (this.currentState === "open" && this.now() - this.openedAt >= this.coolDownMs) return "half-open";
    return this.currentState;
  }

  /**
   * Runs `operation` unless the circuit is open. A failure while `signal` is aborted is the caller
   * giving up, not the upstream failing, so it is not counted.
   */
  async run<T>(operation: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const isTrial = this.admit();
    try {
      const result = await operation();
      this.recordSuccess();
      return result;
    } catch (error) {
      if (signal?.aborted) {
        if (isTrial) this.trialInFlight = false;
      } else {
        this.recordFailure(isTrial);
      }
      throw error;
    }
  }

  /** Lets a call through or throws; true when the call is the half-open trial. */
  private admit(): boolean {
    const state = this.state;
    if (state === "closed") return false;
    if (state === "half-open" && !this.trialInFlight) {
      this.moveTo("half-open");
      this.trialInFlight = true;
      return true;
    }
    const retryInMs = Math.max(0, this.coolDownMs - (this.now() - this.openedAt));
    throw new UpstreamError(
      "circuit_open",
      state === "open"
        ? `the upstream failed ${this.consecutiveFailures} times in a row; not calling it for ` +
            `another ${Math.ceil(retryInMs / 1000)} s`
        : "the upstream is being retried by another request",
    );
  }

  private recordSuccess(): void {
    this.consecutiveFailures = 0;
    this.trialInFlight = false;
    this.moveTo("closed");
  }

  private recordFailure(isTrial: boolean): void {
    this.consecutiveFailures += 1;
    if (isTrial) this.trialInFlight = false;
    if (isTrial || this.consecutiveFailures >= this.failureThreshold) {
      this.openedAt = this.now();
      this.moveTo("open");
    }
  }

  private moveTo(state: CircuitState): void {
    const previous = this.currentState;
    this.currentState = state;
    if (previous !== state) this.options.onStateChange?.(state, previous);
  }
}

/**
 * Settles like `promise`, but rejects with `UpstreamError("timeout")` once `ms` milliseconds pass
 * first, and with the abort reason as soon as `signal` aborts. It does not cancel the work behind
 * `promise`: abort that separately.
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, signal?: AbortSignal): Promise<T> {
  if (signal?.aborted) return Promise.reject(abortReasonOf(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => settle(() => reject(abortReasonOf(signal)));
    const timer = setTimeout(
      () => settle(() => reject(new UpstreamError("timeout", `no response within ${ms} ms`))),
      ms,
    );
    let settled = false;
    function settle(finish: () => void): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      finish();
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

function abortReasonOf(signal: AbortSignal | undefined): unknown {
  return signal?.reason ?? new DOMException("The operation was aborted.", "AbortError");
}
