/**
 * What the interface says about the report it answers on: names, description, placeholder and
 * example questions. The chat page, its HTML and the widget all read it from here alone.
 */
import type { InterfaceLanguage } from "./components/ui-texts.js";

export interface ExampleQuestion {
  language: InterfaceLanguage;
  text: string;
}

interface LocalisedIdentity {
  /** Short name, for the page title and the widget header. */
  shortTitle: string;
  /** Full name of the report. */
  reportTitle: string;
  /** One or two sentences on what the report covers. */
  description: string;
  /** Placeholder of the question field. */
  placeholder: string;
}

export interface ReportIdentity {
  zh: LocalisedIdentity;
  en: LocalisedIdentity;
  examples: readonly ExampleQuestion[];
}

export const reportIdentity: ReportIdentity = {
  zh: {
    shortTitle: "报告问答",
    reportTitle: "国际劳工组织 2018-2019 年计划执行报告",
    description:
      "本报告（GB.340/PFA/5）回顾了劳工组织 2018-2019 两年期的工作、资源和成果：" +
      "预算与支出、十项政策成果目标的进展，以及经验教训。" +
      "回答会引用报告原文段落并标出其中的数字。",
    placeholder: "就《2018-2019 年计划执行报告》提问…",
  },
  en: {
    shortTitle: "Ask the report",
    reportTitle: "ILO Programme Implementation Report 2018-19",
    description:
      "The report (GB.340/PFA/5) reviews the ILO's work, resources and results in 2018-19: budget and " +
      "expenditure, progress on the ten policy outcomes, and lessons learned. Answers cite the report's " +
      "passages (in Chinese) and highlight their figures.",
    placeholder: "Ask about the Programme Implementation Report 2018-19…",
  },
  examples: [
    { language: "zh", text: "2018-2019 两年期实际支出总额是多少？" },
    { language: "zh", text: "成果目标 3 社会保护底线的支出是多少？" },
    { language: "zh", text: "2018-2019 两年期新批准的自愿捐款有多少？" },
    { language: "en", text: "What was the ILO's total expenditure in 2018-19?" },
    { language: "en", text: "How much voluntary funding was newly approved in 2018-19?" },
    { language: "en", text: "What lessons does the report draw for the future?" },
  ],
};
