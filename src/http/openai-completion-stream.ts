/** A streamed `chat.completion`: the chat service's answer as `chat.completion.chunk` events, then `[DONE]`. */
import type { Response } from "express";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import type { AnswerSink } from "../answer/answer-sink.js";
import type { ChatResponse } from "../types.js";
import type { OpenAIErrorBody } from "./openai-errors.js";
import {
  type CompletionIdentity,
  chunkOf,
  figureWarningOf,
  type ReportChatCompletionChunk,
  reportFieldsOf,
  sourcesListOf,
  usageChunkOf,
  usageOf,
} from "./openai-format.js";
import type { ChatCompletionMessage } from "./openai-request-schema.js";
import { EventStream } from "./sse.js";

/** Sent when an answer starts over after part of it was streamed; streamed text cannot be taken back. */
export const RESTART_SEPARATOR = "\n\n---\n（以下为重新生成的回答 / The answer starts over below.）\n\n";

export interface CompletionStreamOptions {
  identity: CompletionIdentity;
  /** `stream_options.include_usage`: end with a chunk holding the usage, and `usage: null` on the others. */
  includeUsage: boolean;
}

/**
 * Receives the chat service's answer as it is produced and writes it as chunks: first a delta with
 * the role, then the content, then a last chunk with `finish_reason: "stop"` and the structured
 * fields (`citations`, `figures`, `found`, `mode`), then the usage chunk when asked for, then `[DONE]`.
 *
 * The concatenated content deltas equal the non-streamed message content: the service's deltas, then
 * the sources list as one last delta. The service's returned response is authoritative, so at the end
 * its answer is compared with what was streamed. When it only extends the streamed text, the rest is
 * sent. When it differs (the service started over, e.g. falling back from a language model that failed
 * mid-answer, which it signals by sending citations again), the text already shown cannot be retracted
 * in this protocol, so `RESTART_SEPARATOR` and the whole final answer follow it: the client ends up
 * showing the authoritative answer last, and the final chunk's `notice` says why.
 *
 * Nothing is written until the first content, so an error raised before it still gets a proper
 * HTTP status (see `isOpen`).
 */
export class CompletionStream implements AnswerSink {
  private stream: EventStream | undefined;
  /** Content sent since the service last (re)started its answer. */
  private attemptText = "";
  /** All content sent. */
  private sentText = "";

  constructor(
    private readonly response: Response,
    private readonly options: CompletionStreamOptions,
  ) {}

  /** True once the response has started, after which errors can only be reported inside the stream. */
  get isOpen(): boolean {
    return this.stream !== undefined;
  }

  citations(): void {
    if (this.attemptText !== "") this.sendContent(RESTART_SEPARATOR);
    this.attemptText = "";
  }

  delta(text: string): Promise<void> {
    this.attemptText += text;
    return this.sendContent(text);
  }

  /** Reconciles the streamed text with the final response, then sends the sources and the closing chunks. */
  finish(response: ChatResponse, messages: ChatCompletionMessage[]): void {
    if (response.answer.startsWith(this.attemptText)) {
      this.sendContent(response.answer.slice(this.attemptText.length));
    } else {
      this.sendContent(`${RESTART_SEPARATOR}${response.answer}`);
    }
    this.sendContent(sourcesListOf(response));
    this.sendContent(figureWarningOf(response));
    const stream = this.open();
    const last: ReportChatCompletionChunk = { ...this.chunk({}, "stop"), ...reportFieldsOf(response) };
    stream.sendData(JSON.stringify(last));
    if (this.options.includeUsage)
      stream.sendData(JSON.stringify(usageChunkOf(this.options.identity, usageOf(messages, this.sentText))));
    stream.sendData("[DONE]");
    stream.end();
  }

  /** Ends a started stream with an error event, which OpenAI clients raise as an API error. */
  fail(error: OpenAIErrorBody): void {
    const stream = this.open();
    stream.sendData(JSON.stringify(error));
    stream.end();
  }

  private sendContent(text: string): Promise<void> {
    if (text === "") return Promise.resolve();
    this.sentText += text;
    return this.open().sendData(JSON.stringify(this.chunk({ content: text })));
  }

  private open(): EventStream {
    if (this.stream) return this.stream;
    this.stream = new EventStream(this.response);
    this.stream.sendData(JSON.stringify(this.chunk({ role: "assistant", content: "" })));
    return this.stream;
  }

  private chunk(delta: ChatCompletionChunk.Choice.Delta, finishReason: "stop" | null = null): ChatCompletionChunk {
    const chunk = chunkOf(this.options.identity, delta, finishReason);
    return this.options.includeUsage ? { ...chunk, usage: null } : chunk;
  }
}
