import type { Language } from "../text/language.js";

// No numbers here: every number an answer states comes from a passage it cites, and this message cites none.
const TOPICS_ZH =
  "劳工组织本两年期的预算和支出、各项政策成果目标和保障性成果目标的成果、体面劳动趋势、百年庆典和经验教训";
const TOPICS_EN =
  "the ILO's budget and spending in the biennium, the results of its policy and enabling outcomes, decent work trends, the centenary and lessons learned";

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

/** What to say when the report does not answer: what it does cover, and where the closest passages are. */
export function notFoundMessage(language: Language, closestSections: string[]): string {
  const near = nearestSections(closestSections);
  if (language === "en") {
    const hint = near.length > 0 ? ` The closest passages are in: ${near.join("; ")}.` : "";
    return `The report does not say. It covers ${TOPICS_EN}.${hint}`;
  }
  const hint = near.length > 0 ? `最接近的内容在：${near.join("；")}。` : "";
  return `报告中没有找到这个问题的答案。本报告涵盖${TOPICS_ZH}。${hint}`;
}
