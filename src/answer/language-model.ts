import type { Language } from "../text/language.js";
import type { ChatMessage, Citation } from "../types.js";

/** What an LLM answer is written from. */
export interface LanguageModelInput {
  question: string;
  history: ChatMessage[];
  /** The numbered passages it may use and cite as [n]. */
  passages: Citation[];
  language: Language;
}

/** A chat model that answers only from numbered passages (see `llm-answerer.ts`). */
export interface LanguageModelAnswerer {
  /** Rewrites a follow-up into a question that stands on its own. */
  condenseQuestion(question: string, history: ChatMessage[], signal?: AbortSignal): Promise<string>;
  /**
   * The answer text with [n] markers; `onDelta` receives it piece by piece as the model writes it,
   * and the next piece waits for the promise it may return (backpressure from a slow client).
   */
  answer(
    input: LanguageModelInput,
    onDelta?: (text: string) => void | Promise<void>,
    signal?: AbortSignal,
  ): Promise<string>;
}
