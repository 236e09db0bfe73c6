import type { Language } from "../text/language.js";

/** What the "not in the report" message names: the report and what it covers (from its profile). */
export interface ReportCoverage {
  title: string;
  topics: string[];
}

/** The last two levels of the closest passages' sections, without their numbers. */
function nearestSections(sections: string[]): string[] {
  const named = sections.map((section) =>
    section
      .split(" > ")
      .slice(-2)
      .join(" > ")
      .replace(/\s*\d{4}\s*[-–]\s*\d{4}\s*/gu, "")
      .replace(/\s*\d+(\.\d+)*\s*/gu, ""),
  );
  return [...new Set(named.filter((name) => name.trim() !== ""))].slice(0, 2);
}

/**
 * What to say when the report does not answer: which report, what it covers, and where the closest
 * passages are. No numbers: every number an answer states comes from a passage it cites, and this
 * message cites none (numbers in the report's title or headings are left out).
 */
export function notFoundMessage(language: Language, closestSections: string[], report?: ReportCoverage): string {
  const near = nearestSections(closestSections);
  const title = report ? withoutNumbers(report.title) : "";
  const topics = (report?.topics ?? []).map(withoutNumbers).filter((topic) => topic !== "");
  if (language === "en") {
    const covers =
      topics.length > 0 ? ` ${title || "It"} covers: ${topics.join("; ")}.` : title ? ` It is ${title}.` : "";
    const hint = near.length > 0 ? ` The closest passages are in: ${near.join("; ")}.` : "";
    return `The report does not say.${covers}${hint}`;
  }
  const named = title ? `这是《${title}》。` : "";
  const covers = topics.length > 0 ? `${named}本报告涵盖：${topics.join("；")}。` : named;
  const hint = near.length > 0 ? `最接近的内容在：${near.join("；")}。` : "";
  return `报告中没有找到这个问题的答案。${covers}${hint}`;
}

/** A title or heading without its numbers (years, numbering), and without the words left dangling by them. */
function withoutNumbers(text: string): string {
  return text
    .replace(/\s*\b(?:in|for|of|since|by|to|from)\s+\d[\d.,\-–]*(?=\W|$)/giu, "")
    .replace(/\s*\d+(?:[.,\-–]\d+)*\s*(?:年度|年)?/gu, " ")
    .replace(/^\s*(?:in|for|of|on)\s+/iu, "")
    .replace(/\s+([:：,，])/gu, "$1")
    .replace(/\s+/gu, " ")
    .replace(/(?<=\p{Script=Han}) (?=\p{Script=Han})/gu, "")
    .replace(/^[\s:：.,，、]+|[\s:：,，、]+$/gu, "")
    .trim();
}
