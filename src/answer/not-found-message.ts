import type { Language } from "../text/language.js";

const TOPICS_ZH = "劳工组织 2018-2019 两年期的预算和支出、10 项政策成果目标及 3 项保障性成果目标的成果、体面劳动趋势、百年庆典和经验教训";
const TOPICS_EN = "the ILO's 2018-19 budget and spending, the results of its 10 policy outcomes and 3 enabling outcomes, decent work trends, the centenary and lessons learned";

function nearestSections(sections: string[]): string[] {
  return [...new Set(sections.map((section) => section.split(" > ").slice(-2).join(" > ")))].slice(0, 2);
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
