/** Questions a reader can start with, in Chinese and in English. */
export interface ExampleQuestion {
  language: "zh" | "en";
  text: string;
}

export const exampleQuestions: readonly ExampleQuestion[] = [
  { language: "zh", text: "2018-2019 两年期实际支出总额是多少？" },
  { language: "zh", text: "成果目标 3 社会保护底线的支出是多少？" },
  { language: "zh", text: "2018-2019 两年期新批准的自愿捐款有多少？" },
  { language: "en", text: "What was the ILO's total expenditure in 2018-19?" },
  { language: "en", text: "How much voluntary funding was newly approved in 2018-19?" },
  { language: "en", text: "What lessons does the report draw for the future?" },
];
