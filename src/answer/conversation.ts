import { contentWords } from "../text/segmenter.js";
import type { ChatMessage } from "../types.js";

/** A greeting or thanks before a question ("你好，…", "Hi, …"), which asks nothing. */
const LEADING_GREETING =
  /^\s*(你好|您好|嗨|哈喽|谢谢|多谢|请问|hello|hi|hey|thanks|thank you)[\s,，!！。.~～:：]+(?=\S)/iu;

/**
 * The last user message is the question (without a greeting before it); everything before it is history.
 */
export function splitConversation(messages: ChatMessage[]): { question: string; history: ChatMessage[] } {
  const lastUser = messages.map((message) => message.role).lastIndexOf("user");
  const question = (messages[lastUser]?.content ?? "").replace(LEADING_GREETING, "");
  return { question, history: messages.slice(0, Math.max(0, lastUser)) };
}

/** Words that open a question continuing the previous one ("那…", "还有…", "and …", "what about …"). */
const CONTINUATION_OPENING = new RegExp(
  [
    String.raw`^\s*(那么?|还有|还|另外|此外|其中|其(?![他余实次])|它们?|该`,
    String.raw`|此|比(?!利时|例|率|重|较)|是(?=哪|谁|什么|多少)|and\b|also\b`,
    String.raw`|what about\b|how about\b|same\b)`,
  ].join(""),
  "iu",
);
/** A question that ends in 呢 asks the previous question about something else. */
const CONTINUATION_ENDING = /呢\s*[？?。.!！]*\s*$/u;
/** Words that point back at something named earlier. */
const ANAPHORA_ZH =
  /它们?|(?<![尤极])其(?!他|余|实|次)|该(?=[项国计组机公成部])|这(?:个|项|些|一|里)|那(?:个|项|些|里)|上述/u;
const ANAPHORA_EN = new RegExp(
  [
    String.raw`\b(it|its|they|them|their|those|these|this one|the same|he|she|his`,
    String.raw`|her)\b(?!\s+(?:report|biennium|year)s?\b)|\b(of|is|was|for|about|in|from|on`,
    String.raw`|does|do|did) that\b|\bthat\s*\?*$`,
  ].join(""),
  "iu",
);
/** Question words a reader may ask with and nothing else ("谁资助的", "when?"). */
const QUESTION_WORDS = /^(谁|哪|什么|何|多少|几|为什么|怎么|如何|who|what|which|when|where|why|how)/iu;

/** Identifiers that a follow-up may replace rather than add to: a numbered heading, an indicator, a year. */
const SLOT_PATTERNS = [
  /[\p{Script=Han}]{2,4}\s*[0-9０-９]+[A-Za-z]?(?![0-9.])/gu,
  /[\p{Script=Han}]{1,4}\s*[A-Z]\.?\d+(?:\.\d+)?/gu,
  /\b(?:outcome|indicator|convention|figure|table|chapter|part|annex)\s+[0-9A-C]+(?:\.\d+)?\b/giu,
  /(?:19|20)\d{2}(?:\s*[-–]\s*\d{2,4})?\s*年?/gu,
];

function slotsIn(text: string): Array<{ pattern: RegExp; found: string }> {
  return SLOT_PATTERNS.flatMap((pattern) => {
    const found = text.match(pattern);
    return found ? [{ pattern, found: found[0] }] : [];
  });
}

/**
 * True when a question cannot stand alone: it continues the previous one ("那成果目标5呢？",
 * "and outcome 5?"), points back at something named before ("它的主要伙伴呢？"), or is a bare question
 * word with a verb ("谁资助的？"). A complete question, however short, stands alone.
 */
export function isFollowUp(question: string): boolean {
  const text = question.normalize("NFKC").trim();
  if (CONTINUATION_OPENING.test(text) || CONTINUATION_ENDING.test(text)) return true;
  if (ANAPHORA_ZH.test(text) || ANAPHORA_EN.test(text)) return true;
  const words = contentWords(text).filter((word) => !/^\d+$/u.test(word));
  const named = slotsIn(text).length > 0;
  return !named && QUESTION_WORDS.test(text) && words.length <= 1;
}

/** The previous question with the identifiers the follow-up names put in place of its own. */
function substituted(previous: string, question: string): string | undefined {
  let result = previous;
  let replaced = false;
  for (const { pattern, found } of slotsIn(question)) {
    const own = previous.match(pattern)?.[0];
    if (!own) continue;
    result = result.replace(own, found.trim());
    replaced = true;
  }
  return replaced ? result : undefined;
}

/** A follow-up without the words that only tie it to the previous turn ("那", "呢", "and"). */
function core(question: string): string {
  return question
    .normalize("NFKC")
    .trim()
    .replace(CONTINUATION_ENDING, "")
    .replace(/^\s*(那么?|还有|另外|此外|and|also|what about|how about)\s*/iu, "")
    .replace(/[？?。.!！\s]+$/u, "")
    .trim();
}

/** How a question was understood: as asked, as the earlier question with an identifier swapped, or read with it. */
export interface UnderstoodQuestion {
  query: string;
  /** `alone`: a complete question; `swapped`: a complete question too; `joined`: the earlier question, then this one. */
  reading: "alone" | "swapped" | "joined";
}

/**
 * The question as it is understood. A complete question stands alone. A follow-up that only swaps
 * an identifier ("那成果目标4呢？" after a question about 成果目标3) becomes the earlier question with
 * that identifier; any other follow-up is read together with the earlier question.
 */
export function understandQuestion(question: string, history: ChatMessage[]): UnderstoodQuestion {
  const previous = [...history].reverse().find((message) => message.role === "user")?.content;
  if (!previous || !isFollowUp(question)) return { query: question, reading: "alone" };
  const rest = core(question);
  const swapped = substituted(previous, question);
  const leftOver = swapped ? rest.replace(slotsIn(rest)[0]?.found ?? "", "").trim() : rest;
  if (swapped && contentWords(leftOver).length === 0) return { query: swapped, reading: "swapped" };
  return { query: `${previous.trim().replace(/[？?。.!！]+$/u, "")}；${rest}`, reading: "joined" };
}

/** The text of the question as it is understood (see `understandQuestion`). */
export function resolveFollowUp(question: string, history: ChatMessage[]): string {
  return understandQuestion(question, history).query;
}
