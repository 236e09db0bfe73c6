import type { Citation } from "../types.js";

/** Receives a streamed answer as it is produced: the citations first, then pieces of text. */
export interface AnswerSink {
  citations(citations: Citation[]): void;
  /** A piece of text; a returned promise asks the producer to wait before the next (the client reads slowly). */
  delta(text: string): void | Promise<void>;
  /** The text streamed so far is withdrawn: a new answer follows (after the language model failed mid-answer). */
  restart?(notice: string): void;
}

/** Splits a finished answer into short pieces for streaming, never inside a citation marker. */
export function answerPieces(answer: string, pieceLength = 12): string[] {
  const pieces: string[] = [];
  const pattern = new RegExp(`\\[\\d+\\]|[^\\[]{1,${pieceLength}}|\\[`, "gu");
  for (const match of answer.matchAll(pattern)) pieces.push(match[0]);
  return pieces;
}
