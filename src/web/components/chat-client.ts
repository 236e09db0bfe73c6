/** Calls `POST /api/chat` with streaming and turns the Server-Sent Events into callbacks. */
import type { ChatMessage, ChatResponse, Citation } from "../../types.js";
import { type ApiAuth, fetchWithAuth } from "./api-auth.js";
import { ChatRequestError } from "./chat-request-error.js";
import { readServerSentEvents } from "./server-sent-events.js";

export interface ChatStreamRequest {
  /** Origin of the API, e.g. `https://report.example.org`; empty for the page's own origin. */
  apiBase: string;
  auth: ApiAuth;
  messages: ChatMessage[];
  signal: AbortSignal;
  onCitations: (citations: Citation[]) => void;
  onDelta: (text: string) => void;
  /** The text streamed so far is withdrawn; a new answer follows. */
  onRestart: () => void;
}

/**
 * Streams an answer and resolves with the whole response of the `done` event.
 * Rejects with a `ChatRequestError`, or with the abort reason when `signal` is aborted.
 */
export async function streamChat(request: ChatStreamRequest): Promise<ChatResponse> {
  const response = await sendChatRequest(request);
  if (!response.ok) throw await toRequestError(response);
  const contentType = response.headers.get("content-type") ?? "";
  if (!contentType.includes("text/event-stream") || !response.body) {
    const whole = (await response.json()) as ChatResponse;
    request.onCitations(whole.citations);
    request.onDelta(whole.answer);
    return whole;
  }
  return readStreamedAnswer(response.body, request);
}

async function sendChatRequest(request: ChatStreamRequest): Promise<Response> {
  try {
    return await fetchWithAuth(request.auth, `${request.apiBase}/api/chat`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
      body: JSON.stringify({ messages: request.messages, stream: true }),
      signal: request.signal,
      credentials: "omit",
    });
  } catch (error) {
    if (request.signal.aborted) throw error;
    throw new ChatRequestError("network", error instanceof Error ? error.message : String(error));
  }
}

async function readStreamedAnswer(body: ReadableStream<Uint8Array>, request: ChatStreamRequest): Promise<ChatResponse> {
  try {
    for await (const event of readServerSentEvents(body)) {
      const data: unknown = JSON.parse(event.data);
      if (event.event === "citations") request.onCitations((data as { citations: Citation[] }).citations);
      else if (event.event === "delta") request.onDelta((data as { text: string }).text);
      else if (event.event === "restart") request.onRestart();
      else if (event.event === "done") return data as ChatResponse;
      else if (event.event === "error") throw streamError(data);
    }
  } catch (error) {
    if (request.signal.aborted || error instanceof ChatRequestError) throw error;
    // The connection was cut after the answer had started.
    throw new ChatRequestError("interrupted", error instanceof Error ? error.message : String(error));
  }
  throw new ChatRequestError("interrupted", "The answer stream ended before it was complete.");
}

function streamError(data: unknown): ChatRequestError {
  const error = (data as { error?: { code?: string; message?: string } }).error ?? {};
  return new ChatRequestError("server", error.message ?? "The answer failed.", { code: error.code });
}

async function toRequestError(response: Response): Promise<ChatRequestError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  const message = body.error?.message ?? response.statusText;
  const details = { status: response.status, code: body.error?.code };
  if (response.status === 429) {
    return new ChatRequestError("rate_limited", message, { ...details, retryAfterSeconds: parseRetryAfter(response) });
  }
  if (response.status >= 500) return new ChatRequestError("server", message, details);
  return new ChatRequestError("rejected", message, details);
}

function parseRetryAfter(response: Response): number | undefined {
  const header = response.headers.get("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
