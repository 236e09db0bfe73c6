/** Conversion between the OpenAI chat protocol and the chat service: conversations in, completions and chunks out. */
import type { ChatCompletion, ChatCompletionChunk } from "openai/resources/chat/completions";
import type { CompletionUsage } from "openai/resources/completions";
import type { ChatMessage, ChatResponse, Citation } from "../types.js";
import { OpenAIRequestError } from "./openai-errors.js";
import type { ChatCompletionMessage } from "./openai-request-schema.js";
import { MAX_MESSAGES, MAX_QUESTION_LENGTH } from "./request-schemas.js";

/** Opens the sources list that ends every answer that cites passages. */
export const SOURCES_HEADING = "\n\n---\n来源 / Sources:\n";

/** What identifies one completion across its chunks. */
export interface CompletionIdentity {
  /** `chatcmpl-…`. */
  id: string;
  /** Unix time in seconds. */
  created: number;
  model: string;
}

/**
 * The structured answer behind the text, as extra top-level fields that OpenAI clients ignore:
 * the passages cited as [n], the figures traced to them, whether the report answers, and how.
 */
export interface ReportFields {
  citations: Citation[];
  figures: ChatResponse["figures"];
  found: boolean;
  mode: ChatResponse["mode"];
  /** Why the answer is not in the configured mode (e.g. the language model failed). */
  notice?: string;
  /** Numbers a language model stated that no cited passage holds. */
  unverifiedFigures?: string[];
}

export type ReportChatCompletion = ChatCompletion & ReportFields;
export type ReportChatCompletionChunk = ChatCompletionChunk & Partial<ReportFields>;

/** The text of a message: its string, or its text parts one per line. */
export function textOf(message: ChatCompletionMessage): string {
  const content = message.content;
  if (content === undefined || content === null) return "";
  if (typeof content === "string") return content;
  return content.map((part) => part.text).join("\n");
}

/** An earlier answer as the chat service should see it: without the sources list this API appended. */
function withoutSourcesList(answer: string): string {
  const start = answer.indexOf(SOURCES_HEADING);
  return start === -1 ? answer : answer.slice(0, start);
}

/**
 * The conversation the chat service answers. System and developer messages set up a client's own
 * assistant and are not questions, so they are left out, as are tool results and assistant turns
 * that only called tools. The last remaining message must be the user's question; earlier turns are
 * kept as history, the latest `MAX_MESSAGES - 1` of them, each cut to `MAX_QUESTION_LENGTH` characters,
 * since clients resend whole conversations and only recent turns help resolve a follow-up.
 */
export function conversationOf(messages: ChatCompletionMessage[]): ChatMessage[] {
  const turns = messages.flatMap((message, position) => {
    if (message.role !== "user" && message.role !== "assistant") return [];
    const content = message.role === "assistant" ? withoutSourcesList(textOf(message)) : textOf(message);
    if (message.role === "assistant" && content.trim() === "") return [];
    return [{ role: message.role, content, position }];
  });
  const last = turns.at(-1);
  if (last?.role !== "user" || last.position !== lastQuestionPosition(messages)) {
    throw new OpenAIRequestError(
      400,
      "invalid_request",
      "The last message (system messages aside) must be from the user.",
      "messages",
    );
  }
  const param = `messages.${last.position}.content`;
  if (last.content.trim() === "") throw new OpenAIRequestError(400, "invalid_request", "The question is empty.", param);
  if (last.content.length > MAX_QUESTION_LENGTH) {
    throw new OpenAIRequestError(
      400,
      "string_above_max_length",
      `The question is at most ${MAX_QUESTION_LENGTH} characters.`,
      param,
    );
  }
  const history = turns.slice(0, -1).slice(-(MAX_MESSAGES - 1));
  return [
    ...history.map(({ role, content }) => ({ role, content: content.slice(0, MAX_QUESTION_LENGTH) })),
    { role: "user", content: last.content },
  ];
}

/** Position of the last message that is not a system or developer message. */
function lastQuestionPosition(messages: ChatCompletionMessage[]): number {
  for (let position = messages.length - 1; position >= 0; position -= 1) {
    if (messages[position].role !== "system" && messages[position].role !== "developer") return position;
  }
  return -1;
}

function sourceLineOf(citation: Citation): string {
  const label = citation.label ? ` · ${citation.label}` : "";
  const page = citation.page !== undefined ? ` (p. ${citation.page})` : "";
  return `- [${citation.id}] ${citation.section}${label}${page}`;
}

/**
 * The sources list that ends an answer, readable in any chat client: a rule, a heading and one
 * markdown list item per passage the answer cites by its [n] marker (every citation when a found
 * answer carries no marker). Empty when there is nothing to list.
 */
export function sourcesListOf(response: ChatResponse): string {
  const cited = response.citations.filter((citation) => response.answer.includes(`[${citation.id}]`));
  const listed = cited.length > 0 ? cited : response.found ? response.citations : [];
  if (listed.length === 0) return "";
  return `${SOURCES_HEADING}\n${listed.map(sourceLineOf).join("\n")}`;
}

/** Opens the line that ends an answer stating numbers its citations do not support. */
export const FIGURE_WARNING = "\n\n⚠ 未经核实的数字 / Unverified figures: ";

/**
 * A short last line naming the numbers the cited passages do not state (with the passage that does,
 * for a number cited from the wrong one), so that any chat client shows the flag. Empty when every
 * number checks out.
 */
export function figureWarningOf(response: ChatResponse): string {
  const flagged = response.figures.flatMap((figure) => {
    const written = `${figure.value}${figure.unit ? ` ${figure.unit}` : ""}`.replace(
      /^(\S+) (US\$|USD|\$|€|£)/u,
      "$2$1",
    );
    if (figure.status === "unverified") return [figure.inAnswer?.span ?? written];
    if (figure.status === "cited-elsewhere") return [`${figure.inAnswer?.span ?? written} (→ [${figure.foundIn}])`];
    return [];
  });
  return flagged.length === 0 ? "" : `${FIGURE_WARNING}${[...new Set(flagged)].join("; ")}`;
}

/** The assistant message's content: the answer with its [n] markers, the sources list, then any figure warning. */
export function messageContentOf(response: ChatResponse): string {
  return `${response.answer}${sourcesListOf(response)}${figureWarningOf(response)}`;
}

const WIDE_SCRIPT = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * An estimate of the tokens in `text`, since no tokenizer runs here: one per Chinese, Japanese or
 * Korean character, plus one per four other non-space characters (rounded up), which is close to
 * what OpenAI's tokenizers count for the report's mix of Chinese and figures.
 */
export function estimateTokens(text: string): number {
  const wide = text.match(WIDE_SCRIPT)?.length ?? 0;
  const other = text.replace(WIDE_SCRIPT, "").replace(/\s+/gu, "").length;
  return wide + Math.ceil(other / 4);
}

/** Estimated usage: every message the client sent (system messages included) in, the content out. */
export function usageOf(messages: ChatCompletionMessage[], content: string): CompletionUsage {
  const promptTokens = messages.reduce((total, message) => total + estimateTokens(textOf(message)), 0);
  const completionTokens = estimateTokens(content);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** The structured fields of a response, without those it does not have. */
export function reportFieldsOf(response: ChatResponse): ReportFields {
  const fields: ReportFields = {
    citations: response.citations,
    figures: response.figures,
    found: response.found,
    mode: response.mode,
  };
  if (response.notice !== undefined) fields.notice = response.notice;
  if (response.unverifiedFigures !== undefined) fields.unverifiedFigures = response.unverifiedFigures;
  return fields;
}

/** A whole `chat.completion` for a non-streamed request. */
export function completionOf(
  identity: CompletionIdentity,
  response: ChatResponse,
  messages: ChatCompletionMessage[],
): ReportChatCompletion {
  const content = messageContentOf(response);
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [
      { index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" },
    ],
    usage: usageOf(messages, content),
    ...reportFieldsOf(response),
  };
}

/** One `chat.completion.chunk` carrying `delta`; the last one carries `finishReason` and no text. */
export function chunkOf(
  identity: CompletionIdentity,
  delta: ChatCompletionChunk.Choice.Delta,
  finishReason: "stop" | null = null,
): ChatCompletionChunk {
  return {
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** The chunk after the last choice when the client asked for `stream_options.include_usage`. */
export function usageChunkOf(identity: CompletionIdentity, usage: CompletionUsage): ChatCompletionChunk {
  return {
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [],
    usage,
  };
}
