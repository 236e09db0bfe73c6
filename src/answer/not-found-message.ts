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
export function notFoundMessage(language: Language, closestSections: string[], report: ReportCoverage): string {
  const near = nearestSections(closestSections);
  const title = withoutNumbers(report.title);
  const topics = report.topics.map(withoutNumbers).filter((topic) => topic !== "");
  if (language === "en") {
    const covers = topics.length > 0 ? ` It covers: ${topics.join("; ")}.` : "";
    const hint = near.length > 0 ? ` The closest passages are in: ${near.join("; ")}.` : "";
    return `The report (${title}) does not say.${covers}${hint}`;
  }
  const covers = topics.length > 0 ? `本报告涵盖：${topics.join("；")}。` : "";
  const hint = near.length > 0 ? `最接近的内容在：${near.join("；")}。` : "";
  return `《${title}》中没有找到这个问题的答案。${covers}${hint}`;
}

function withoutNumbers(text: string): string {
  return text
    .replace(/\s*\d+(?:[.,-–]\d+)*\s*(?:年|年度)?/gu, " ")
    .replace(/\s+/gu, " ")
    .trim();
}
