/**
 * What the interface says about the report it answers on: its names, a description, the
 * placeholder of the question field and example questions, in both interface languages. Derived
 * from the report profile (`reportIdentityOf`); the chat page's HTML carries it, the widget asks
 * `GET /api/report` for it. Before a report is loaded the interface speaks of "the report".
 */
import { chooseExampleQuestions, type ExampleQuestion, exampleCandidates } from "../profile/example-questions.js";
import type { ReportProfile } from "../profile/report-profile.js";
import type { TableRecord } from "../tables/table-record.js";
import type { InterfaceLanguage } from "./components/ui-texts.js";

export type { ExampleQuestion };

export interface LocalisedIdentity {
  /** Short name of the report, for the widget's header. */
  shortTitle: string;
  /** Full name of the report, for the page's heading and title. */
  reportTitle: string;
  /** One or two sentences on what the report is and covers. */
  description: string;
  /** Placeholder of the question field. */
  placeholder: string;
}

export interface ReportIdentity {
  zh: LocalisedIdentity;
  en: LocalisedIdentity;
  /** Questions the assistant answers, in the report's language and, where it has the terms, in English. */
  examples: ExampleQuestion[];
}

/** The identity before any report is loaded. */
export const genericIdentity: ReportIdentity = {
  zh: { shortTitle: "报告问答", reportTitle: "报告问答", description: "", placeholder: "就报告提问…" },
  en: { shortTitle: "Ask the report", reportTitle: "Ask the report", description: "", placeholder: "Ask the report…" },
  examples: [],
};

const LONGEST_CHINESE_SHORT_TITLE = 16;
const LONGEST_ENGLISH_SHORT_TITLE = 48;

/**
 * A title short enough for a header: a long Chinese title without the body that issues it
 * (`某市人民政府 2024 年政府工作年度报告` → `2024 年政府工作年度报告`), a long English one cut at a word.
 */
export function shortTitleOf(title: string): string {
  if (/\p{Script=Han}/u.test(title)) {
    if (title.length <= LONGEST_CHINESE_SHORT_TITLE) return title;
    const fromYear = /\s(\d{4}.*\p{Script=Han}.*)$/u.exec(title)?.[1];
    return fromYear ?? title;
  }
  if (title.length <= LONGEST_ENGLISH_SHORT_TITLE) return title;
  const cut = title.slice(0, LONGEST_ENGLISH_SHORT_TITLE);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1)).trim()}…`;
}

function describe(language: InterfaceLanguage, profile: ReportProfile): string {
  const [only] = profile.documents;
  const opening = profile.documents.length === 1 ? (only?.opening ?? "") : "";
  const titles = profile.documents.map((document) => document.title);
  if (language === "zh") {
    const corpus =
      titles.length > 1 ? `共 ${titles.length} 份报告：${titles.map((title) => `《${title}》`).join("")}。` : "";
    const topics = profile.topics.length > 0 ? `主要内容：${profile.topics.join("；")}。` : "";
    return `${corpus}${opening}${topics}回答会引用报告原文段落并标出其中的数字。`;
  }
  const corpus = titles.length > 1 ? `${titles.length} reports: ${titles.join("; ")}. ` : "";
  const topics = profile.topics.length > 0 ? `Main parts: ${profile.topics.join("; ")}. ` : "";
  const inChinese = profile.language === "zh" ? " (in Chinese)" : "";
  return (
    `${corpus}${opening}${opening ? " " : ""}${topics}` +
    `Answers cite the report's passages${inChinese} and highlight their figures.`
  );
}

/** The identity of a loaded report: its profile's names and description, and the examples chosen for it. */
export function reportIdentityOf(profile: ReportProfile, examples: ExampleQuestion[]): ReportIdentity {
  const reportTitle = profile.title;
  const shortTitle = shortTitleOf(reportTitle);
  return {
    zh: { shortTitle, reportTitle, description: describe("zh", profile), placeholder: `就《${shortTitle}》提问…` },
    en: {
      shortTitle,
      reportTitle,
      description: describe("en", profile),
      placeholder: `Ask about ${/\p{Script=Han}/u.test(shortTitle) ? `“${shortTitle}”` : `the ${shortTitle}`}…`,
    },
    examples,
  };
}

/**
 * The identity of a loaded report with the example questions the assistant answers: candidates
 * from the report's structure, each asked through `isAnswered`.
 */
export async function deriveReportIdentity(
  profile: ReportProfile,
  tables: TableRecord[],
  isAnswered: (question: string) => Promise<boolean>,
): Promise<ReportIdentity> {
  return reportIdentityOf(profile, await chooseExampleQuestions(exampleCandidates(profile, tables), isAnswered));
}
