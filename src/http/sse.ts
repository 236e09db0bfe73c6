import type { Response } from "express";

/**
 * Bytes an event stream may hold unsent for a client that does not read; past it the client is
 * cut off rather than the server buffering an answer for it without end.
 */
const MAX_UNSENT_BYTES = 1024 * 1024;

/**
 * Writes Server-Sent Events to a response; ignores writes after the client has gone. Each write
 * returns a promise that settles once the connection can take more (at once when it can), so a
 * producer that awaits it goes at the client's pace; a client that lets more than 1 MB pile up is
 * disconnected.
 */
export class EventStream {
  private closed = false;

  constructor(
    private readonly response: Response,
    private readonly maxUnsentBytes = MAX_UNSENT_BYTES,
  ) {
    response.status(200);
    response.setHeader("Content-Type", "text/event-stream; charset=utf-8");
    response.setHeader("Cache-Control", "no-cache, no-transform");
    response.setHeader("Connection", "keep-alive");
    response.setHeader("X-Accel-Buffering", "no");
    response.flushHeaders();
    response.on("close", () => {
      this.closed = true;
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Sends one event; `data` is JSON-encoded on one line. */
  send(event: string, data: unknown): Promise<void> {
    return this.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Sends a raw `data:` line (the OpenAI protocol's chunks and `[DONE]`). */
  sendData(data: string): Promise<void> {
    return this.write(`data: ${data}\n\n`);
  }

  private write(text: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.response.write(text)) return Promise.resolve();
    if (this.response.writableLength > this.maxUnsentBytes) {
      this.closed = true;
      this.response.destroy();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const settle = () => {
        this.response.off("drain", settle);
        this.response.off("close", settle);
        resolve();
      };
      this.response.on("drain", settle);
      this.response.on("close", settle);
    });
  }

  end(): void {
    if (this.closed) return;
    this.closed = true;
    this.response.end();
  }
}

/** True when the client asked for a stream, in the body or the Accept header. */
export function wantsEventStream(acceptHeader: string | undefined, streamFlag: boolean): boolean {
  return streamFlag || (acceptHeader ?? "").includes("text/event-stream");
}
