/**
 * Graceful shutdown of the HTTP server: a drain window in which it still serves while saying it is
 * draining, then no new connections, in-flight answers finish, then it closes.
 */
import type { Server } from "node:http";
import type { InFlightRequests } from "./http/in-flight-requests.js";

export interface GracefulCloseOptions {
  server: Server;
  inFlight: InFlightRequests;
  /**
   * Longest wait for in-flight requests and streams once the server stops listening, in
   * milliseconds (`SHUTDOWN_TIMEOUT_MS`).
   */
  timeoutMs: number;
  /**
   * How long the server goes on accepting connections first, answering each with `Connection:
   * close` while `/readyz` says `draining`, so that a load balancer takes it out of rotation before
   * connections are refused (`SHUTDOWN_DRAIN_MS`).
   * @default 0
   */
  drainMs?: number;
  /**
   * After the wait, how long streams that were ended get to reach their clients before every
   * connection is closed, in milliseconds.
   * @default 1000
   */
  flushMs?: number;
}

/** How the close went. */
export interface GracefulCloseOutcome {
  /** Requests that were still in flight when the shutdown began. */
  inFlightAtStart: number;
  /** Requests in flight when the server stopped listening, after the drain window. */
  inFlightAtClose: number;
  /** Streams ended early because the wait ran out. */
  endedEarly: number;
  /** Requests cut off with their connection after the wait and the flush. */
  cutOff: number;
  durationMs: number;
}

/** Resolves true when `promise` settles within `timeoutMs`, false when the time runs out first. */
async function settlesWithin(promise: Promise<void>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Says it is draining and serves on for `drainMs` (new connections included, each response asking
 * its client to close the connection); then stops accepting connections, closes idle kept-alive
 * ones, and waits up to `timeoutMs` for the
 * requests in flight, streamed answers included, to finish. Streams still open then are ended
 * cleanly (the client sees the stream end, without its final event), and after `flushMs` every
 * remaining connection is closed. Resolves once the server is closed.
 */
export async function closeGracefully(options: GracefulCloseOptions): Promise<GracefulCloseOutcome> {
  const { server, inFlight, timeoutMs } = options;
  const started = Date.now();
  const inFlightAtStart = inFlight.count;
  inFlight.beginDraining();
  // Kept-alive connections idle now would otherwise carry new requests without `Connection: close`.
  server.closeIdleConnections();
  if ((options.drainMs ?? 0) > 0) await new Promise((resolve) => setTimeout(resolve, options.drainMs));
  const inFlightAtClose = inFlight.count;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let endedEarly = 0;
  let cutOff = 0;
  if (!(await settlesWithin(inFlight.whenSettled(), timeoutMs))) {
    endedEarly = inFlight.endStartedResponses();
    await settlesWithin(inFlight.whenSettled(), options.flushMs ?? 1000);
    cutOff = inFlight.count;
  }
  // What is left is idle kept-alive connections, or requests that would not finish in time.
  server.closeAllConnections();
  await closed;
  return { inFlightAtStart, inFlightAtClose, endedEarly, cutOff, durationMs: Date.now() - started };
}
