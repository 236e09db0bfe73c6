import type { Response } from "express";

/** Writes Server-Sent Events to a response; ignores writes after the client has gone. */
export class EventStream {
  private closed = false;

  constructor(private readonly response: Response) {
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
  send(event: string, data: unknown): void {
    if (this.closed) return;
    this.response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  /** Sends a raw `data:` line (the OpenAI protocol's chunks and `[DONE]`). */
  sendData(data: string): void {
    if (this.closed) return;
    this.response.write(`data: ${data}\n\n`);
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
