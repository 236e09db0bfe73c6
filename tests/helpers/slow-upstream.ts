import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One `POST /v1/chat/completions` the upstream received, and how it ended. */
export interface SlowCompletion {
  /** Pieces written so far. */
  piecesSent: number;
  /** True when the whole reply was sent. */
  finished: boolean;
  /** True when the caller closed the connection before the reply was complete. */
  closedEarly: boolean;
}

export interface SlowUpstream {
  /** Base URL including `/v1`, as `OPENAI_BASE_URL` expects it. */
  url: string;
  completions: SlowCompletion[];
  close(): Promise<void>;
}

export interface SlowUpstreamOptions {
  /** The reply, streamed in pieces of a few characters. */
  reply: string;
  /** Wait before each piece, in milliseconds. */
  pieceDelayMs: number;
  /** Send this many pieces, then nothing more (a stalled upstream). @default all */
  stallAfterPieces?: number;
}

function chunkOf(content: string | undefined, finish: string | null): string {
  const delta = content === undefined ? {} : { role: "assistant", content };
  return JSON.stringify({
    id: "chatcmpl-slow",
    object: "chat.completion.chunk",
    created: 0,
    model: "test-model",
    choices: [{ index: 0, delta, finish_reason: finish }],
  });
}

function piecesOf(text: string, size = 4): string[] {
  const characters = [...text];
  const pieces: string[] = [];
  for (let start = 0; start < characters.length; start += size)
    pieces.push(characters.slice(start, start + size).join(""));
  return pieces;
}

async function streamSlowly(
  response: ServerResponse,
  completion: SlowCompletion,
  options: SlowUpstreamOptions,
): Promise<void> {
  response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
  response.flushHeaders();
  const pieces = piecesOf(options.reply);
  const limit = options.stallAfterPieces ?? pieces.length;
  for (const piece of pieces.slice(0, limit)) {
    await new Promise((resolve) => setTimeout(resolve, options.pieceDelayMs));
    if (completion.closedEarly) return;
    response.write(`data: ${chunkOf(piece, null)}\n\n`);
    completion.piecesSent += 1;
  }
  if (limit < pieces.length) return;
  response.write(`data: ${chunkOf(undefined, "stop")}\n\n`);
  response.end("data: [DONE]\n\n");
  completion.finished = true;
}

/**
 * An OpenAI-compatible chat server on 127.0.0.1 that streams one fixed reply slowly, piece by
 * piece, and records whether each caller stayed until the end.
 */
export async function startSlowUpstream(options: SlowUpstreamOptions): Promise<SlowUpstream> {
  const completions: SlowCompletion[] = [];
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
        response
          .writeHead(404, { "Content-Type": "application/json" })
          .end(JSON.stringify({ error: { message: "not here" } }));
        return;
      }
      const completion: SlowCompletion = { piecesSent: 0, finished: false, closedEarly: false };
      completions.push(completion);
      response.on("close", () => {
        if (!completion.finished) completion.closedEarly = true;
      });
      void streamSlowly(response, completion, options);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    completions,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
