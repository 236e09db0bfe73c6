/** The conversation as the interface keeps it, and its copy in the site's localStorage (shared by its tabs). */
import type { ChatMessage, ChatResponse, Citation } from "../../types.js";
import type { ChatFailureKind } from "./chat-request-error.js";

export type TurnState = "streaming" | "done" | "stopped" | "failed";

/** One question and what became of its answer. */
export interface ConversationTurn {
  question: string;
  state: TurnState;
  /** Text received so far (the whole answer once done). */
  answerText: string;
  citations: Citation[];
  /** The whole response, once the `done` event has arrived. */
  response?: ChatResponse;
  failure?: { kind: ChatFailureKind; message: string; retryAfterSeconds?: number };
  /** The reader's 👍 or 👎, once given. */
  feedback?: "up" | "down";
}

/** How many earlier turns are sent with a question, so follow-ups can be resolved. */
const turnsSentAsHistory = 6;

/** The messages for `POST /api/chat`: earlier answered turns, then the new question. */
export function toChatMessages(earlierTurns: ConversationTurn[], question: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const answered = earlierTurns.filter(
    (turn) => turn.state === "done" || (turn.state === "stopped" && turn.answerText),
  );
  for (const turn of answered.slice(-turnsSentAsHistory)) {
    messages.push({ role: "user", content: turn.question });
    messages.push({ role: "assistant", content: turn.answerText });
  }
  messages.push({ role: "user", content: question });
  return messages;
}

/** Keeps the turns in localStorage under one key; storage that is unavailable is silently skipped. */
export class ConversationStorage {
  constructor(private readonly key: string) {}

  /** Whether a `storage` event is about this conversation (changed in another tab). */
  isAbout(event: StorageEvent): boolean {
    return event.key === this.key || event.key === null;
  }

  load(): ConversationTurn[] {
    try {
      const raw = window.localStorage.getItem(this.key);
      if (!raw) return [];
      const turns = JSON.parse(raw) as ConversationTurn[];
      if (!Array.isArray(turns)) return [];
      // A page left mid-answer cannot resume the stream.
      return turns.map((turn) => (turn.state === "streaming" ? { ...turn, state: "stopped" } : turn));
    } catch {
      return [];
    }
  }

  save(turns: ConversationTurn[]): void {
    try {
      window.localStorage.setItem(this.key, JSON.stringify(turns));
    } catch {
      // Storage is full or blocked (private mode, sandboxed frame): the conversation still works in memory.
    }
  }

  clear(): void {
    try {
      window.localStorage.removeItem(this.key);
    } catch {
      // See save().
    }
  }
}
