import type { ChatMessage } from "../types.js";

/** The last user message is the question; everything before it is history. */
export function splitConversation(messages: ChatMessage[]): { question: string; history: ChatMessage[] } {
  const lastUser = messages.map((message) => message.role).lastIndexOf("user");
  return { question: messages[lastUser]?.content ?? "", history: messages.slice(0, Math.max(0, lastUser)) };
}

const FOLLOW_UP_MARKERS =
  /^(那|那么|还有|另外|其中|它|它们|他们|这|该|此|其|and\b|what about|how about|and what|also)|呢[？?]?$|那个|这个|这些|那些|其中|它们?|\b(it|they|them|that|those|this|these|its|their)\b/iu;

/** Identifiers that a follow-up may replace rather than add to: an outcome, an indicator, a year. */
const SLOT_PATTERNS = [
  /成果目标\s*[0-9０-９A-Ca-c]+/gu,
  /指标\s*[A-C]?\.?\d+(?:\.\d+)?/gu,
  /\boutcome\s+[0-9A-C]+\b/giu,
  /(?:19|20)\d{2}\s*年?/gu,
];

function slotsIn(text: string): RegExp[] {
  return SLOT_PATTERNS.filter((pattern) => {
    pattern.lastIndex = 0;
    const found = pattern.test(text);
    pattern.lastIndex = 0;
    return found;
  });
}

/** True when a question leans on earlier turns: short, or with a pronoun or 呢. */
export function isFollowUp(question: string): boolean {
  const compact = question.replace(/\s+/gu, "");
  return FOLLOW_UP_MARKERS.test(compact) || FOLLOW_UP_MARKERS.test(question) || compact.length <= 6;
}

/**
 * The question to retrieve with. In a conversation the earlier user question is carried along (a
 * follow-up rarely repeats its topic), minus the identifiers the new question replaces: "成果目标3的
 * 实际支出是多少？" then "那成果目标4呢？" retrieves with 成果目标 4's spending. A question that is long
 * and names its own identifiers stands alone.
 */
export function resolveFollowUp(question: string, history: ChatMessage[]): string {
  const previous = [...history].reverse().find((message) => message.role === "user")?.content;
  if (!previous) return question;
  if (!isFollowUp(question) && slotsIn(question).length > 0 && question.length > 20) return question;
  let carried = previous;
  for (const pattern of slotsIn(question)) carried = carried.replace(pattern, " ");
  return `${question} ${carried.trim()}`;
}
