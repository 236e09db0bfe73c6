/** A point in time that several waits share: an answer's overall deadline. */
export class Deadline {
  private readonly endsAt: number;

  /** Ends `totalMs` milliseconds from now on the given clock. */
  constructor(
    readonly totalMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.endsAt = now() + totalMs;
  }

  /** Milliseconds left, never below zero. */
  remainingMs(): number {
    return Math.max(0, this.endsAt - this.now());
  }

  /** The shorter of `ms` and the time left: how long one wait may take. */
  bound(ms: number): number {
    return Math.min(ms, this.remainingMs());
  }
}
