/** Questions to ask next, drawn from the sections an answer cites, and the sections a not-found answer names. */
import type { ConversationTurn } from "./conversation.js";
import { getUiTexts, type UiTexts } from "./ui-texts.js";

const suggestionCount = 3;

/** A part of a section path without its leading numbering (`3.2 `, `第二部分. `). */
function sectionName(part: string): string {
  return part.replace(/^(?:第[一二三四五六七八九十]+部分[.．、\s]*|[\dIVXivx]+(?:\.\d+)*[.．、)\s]+)/u, "").trim();
}

/**
 * Sections worth asking about, nearest first: the section of each cited passage, then the sections
 * around them, one level up at a time.
 */
function candidateSections(turn: ConversationTurn): string[] {
  const paths = turn.citations.map((citation) => citation.section.split(" > ").map(sectionName).reverse());
  const depth = Math.max(0, ...paths.map((path) => path.length));
  const candidates: string[] = [];
  for (let level = 0; level < depth; level += 1) {
    for (const path of paths) if (path[level] !== undefined) candidates.push(path[level]);
  }
  return candidates;
}

/** Up to three questions about the sections the answer cites, or that hold them, that the question did not name. */
export function suggestedQuestionsOf(turn: ConversationTurn, texts: UiTexts): string[] {
  const names: string[] = [];
  for (const name of candidateSections(turn)) {
    if (name.length < 2 || name.length > 40 || turn.question.includes(name) || names.includes(name)) continue;
    names.push(name);
    if (names.length === suggestionCount) break;
  }
  return names.map((name) => texts.askAboutSection(name));
}

/** The sections a not-found answer says are closest, in either language's wording. */
export function closestSectionsOf(answerText: string): string[] {
  for (const language of ["zh", "en"] as const) {
    const match = getUiTexts(language).closestSectionsLead.exec(answerText.trim());
    if (match) {
      return match[1]
        .split(/[；;]\s*/u)
        .map((section) => section.trim())
        .filter(Boolean);
    }
  }
  return [];
}
