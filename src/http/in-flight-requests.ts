/** Keeps count of the requests being answered, so that a shutdown can wait for them. */
import type { RequestHandler, Response } from "express";
import type { Logger } from "../logger.js";

/**
 * The responses still being written, and whether the server is draining before it stops.
 * While draining, every response asks the client to close its connection, so kept-alive
 * connections do not carry new requests into a server that is about to exit.
 *
 * @example
 * const inFlight = new InFlightRequests(logger);
 * app.use(inFlight.middleware);
 * // on SIGTERM:
 * inFlight.beginDraining();
 * await inFlight.whenSettled();
 */
export class InFlightRequests {
  private readonly responses = new Set<Response>();
  private readonly waiters: Array<() => void> = [];
  private draining = false;

  constructor(private readonly logger: Logger) {}

  /** Responses not yet finished or abandoned by their client. */
  get count(): number {
    return this.responses.size;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** From now on responses carry `Connection: close`. */
  beginDraining(): void {
    this.draining = true;
  }

  /** Tracks every response from its request's arrival until it is closed. */
  readonly middleware: RequestHandler = (_request, response, next) => {
    if (this.draining) response.setHeader("Connection", "close");
    this.responses.add(response);
    // A write after a forced end must not become an uncaught exception while the process stops.
    response.on("error", (error) => this.logger.debug({ err: error }, "response error"));
    response.once("close", () => this.release(response));
    next();
  };

  /** Resolves once no response is in flight (at once when none is). */
  whenSettled(): Promise<void> {
    if (this.responses.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /**
   * Ends the responses that have started (streams, since whole responses are sent at once) so
   * that their clients see a clean end of the stream; returns how many were ended.
   */
  endStartedResponses(): number {
    let ended = 0;
    for (const response of this.responses) {
      if (!response.headersSent || response.writableEnded) continue;
      response.end();
      ended += 1;
    }
    return ended;
  }

  private release(response: Response): void {
    this.responses.delete(response);
    if (this.responses.size > 0) return;
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
