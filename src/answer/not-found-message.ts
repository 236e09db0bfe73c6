import type { Language } from "../text/language.js";

// No numbers here: every number an answer states comes from a passage it cites, and this message cites none.

/** The last two levels of the closest passages' sections, without their numbers (成果目标 3 → 成果目标). */
function nearestSections(sections: string[]): string[] {
  const named = sections.map((section) =>
    section
      .split(" > ")
      .slice(-2)
      .join(" > ")
      .replace(/\s*\d{4}\s*[-–]\s*\d{4}\s*/gu, "")
      .replace(/\s*\d+(\.\d+)*\s*/gu, ""),
  );
  return [...new Set(named)].slice(0, 2);
}

/** A heading without its number or part label and without digits, the way the message names it. */
function topicOf(heading: string): string {
  return heading
    .replace(/^第.{1,3}部分[.．、\s]*/u, "")
    .replace(/^(part|chapter|section)\s+[\dIVX]+[.:\s]*/iu, "")
    .replace(/\s*\d{4}\s*[-–]\s*\d{2,4}\s*/gu, "")
    .replace(/\d+(\.\d+)*/gu, "")
    .replace(/[？?。.]+$/u, "")
    .trim();
}

/**
 * What to say when the report does not answer: what it does cover (its main headings, `topics`), and
 * where the closest passages are.
 */
export function notFoundMessage(language: Language, closestSections: string[], topics: string[] = []): string {
  const near = nearestSections(closestSections);
  const covered = [...new Set(topics.map(topicOf).filter((topic) => topic.length > 0))];
  if (language === "en") {
    const scope = covered.length > 0 ? ` It covers: ${covered.join("; ")}.` : "";
    const hint = near.length > 0 ? ` The closest passages are in: ${near.join("; ")}.` : "";
    return `The report does not say.${scope}${hint}`;
  }
  const scope = covered.length > 0 ? `本报告涵盖：${covered.join("；")}。` : "";
  const hint = near.length > 0 ? `最接近的内容在：${near.join("；")}。` : "";
  return `报告中没有找到这个问题的答案。${scope}${hint}`;
}
