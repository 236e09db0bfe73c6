/** A rate-limit store that holds at most a fixed number of clients, however many addresses call. */
import type { ClientRateLimitInfo, Options, Store } from "express-rate-limit";

export interface BoundedRateLimitStoreOptions {
  /** Clients counted at once; past it, the client seen least recently is forgotten. */
  maxClients: number;
  /** The clock, in milliseconds. @default Date.now */
  now?: () => number;
}

interface Counter {
  hits: number;
  resetAt: number;
}

/**
 * Counts hits per key in fixed windows, in one `Map` kept in order of last use. Its size never
 * passes `maxClients`: a new key beyond it evicts the key used least recently, which then starts
 * again from zero when it returns. That is the price of a bound: a flood of distinct addresses
 * costs at most `maxClients` entries (each a key of at most an IPv6 address and two numbers)
 * instead of one per address for the whole window. Expired windows are dropped as they are met.
 *
 * @example
 * rateLimit({ windowMs: 60_000, limit: 60, store: new BoundedRateLimitStore({ maxClients: 10_000 }) });
 */
export class BoundedRateLimitStore implements Store {
  readonly localKeys = true;
  private readonly counters = new Map<string, Counter>();
  private readonly now: () => number;
  private windowMs = 60_000;

  constructor(private readonly options: BoundedRateLimitStoreOptions) {
    if (!Number.isInteger(options.maxClients) || options.maxClients < 1)
      throw new RangeError(`maxClients must be a whole number of at least 1, got ${options.maxClients}`);
    this.now = options.now ?? Date.now;
  }

  /** Clients counted right now (at most `maxClients`). */
  get size(): number {
    return this.counters.size;
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  get(key: string): ClientRateLimitInfo | undefined {
    const counter = this.live(key);
    return counter ? infoOf(counter) : undefined;
  }

  increment(key: string): ClientRateLimitInfo {
    const counter = this.live(key) ?? { hits: 0, resetAt: this.now() + this.windowMs };
    counter.hits += 1;
    // Deleting and setting again moves the key to the end: the Map's first key is the least recently used.
    this.counters.delete(key);
    this.counters.set(key, counter);
    this.evictBeyondCapacity();
    return infoOf(counter);
  }

  decrement(key: string): void {
    const counter = this.live(key);
    if (counter && counter.hits > 0) counter.hits -= 1;
  }

  resetKey(key: string): void {
    this.counters.delete(key);
  }

  resetAll(): void {
    this.counters.clear();
  }

  /** The key's counter when its window is still open; an expired one is dropped. */
  private live(key: string): Counter | undefined {
    const counter = this.counters.get(key);
    if (!counter) return undefined;
    if (counter.resetAt > this.now()) return counter;
    this.counters.delete(key);
    return undefined;
  }

  private evictBeyondCapacity(): void {
    while (this.counters.size > this.options.maxClients) {
      const oldest = this.counters.keys().next();
      if (oldest.done) return;
      this.counters.delete(oldest.value);
    }
  }
}

function infoOf(counter: Counter): ClientRateLimitInfo {
  return { totalHits: counter.hits, resetTime: new Date(counter.resetAt) };
}
