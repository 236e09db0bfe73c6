/** Interface texts in the two languages the chat speaks (the report's own names come with its identity). */

export type InterfaceLanguage = "zh" | "en";

export interface UiTexts {
  language: InterfaceLanguage;
  title: string;
  openChat: string;
  closeChat: string;
  newConversation: string;
  newConversationHint: string;
  inputLabel: string;
  placeholder: string;
  send: string;
  stop: string;
  stopped: string;
  generating: string;
  answerReady: string;
  retry: string;
  copy: string;
  copied: string;
  copyFailed: string;
  sources: string;
  sourcesHeading: string;
  noSourcesYet: string;
  passage: string;
  closePassage: string;
  page: (page: number) => string;
  /** The link from a passage to its page of the PDF. */
  pdfPage: (page: number) => string;
  openCitation: (id: number) => string;
  notFoundLabel: string;
  you: string;
  assistant: string;
  conversationLabel: string;
  errorNetwork: string;
  errorInterrupted: string;
  errorRateLimited: (retryAfterSeconds?: number) => string;
  errorServer: string;
  errorRejected: (message: string) => string;
  tableCaption: (caption: string, unit?: string) => string;
  chartLabel: (caption: string) => string;
  chartPlotted: (column: string) => string;
  chartBaseline: (value: string) => string;
  emptyCell: string;
  exampleQuestions: string;
  notice: string;
  helpful: string;
  notHelpful: string;
  feedbackCommentLabel: string;
  feedbackSend: string;
  feedbackSkip: string;
  feedbackThanks: string;
  feedbackFailed: string;
  regenerate: string;
  editQuestion: string;
  understoodAs: (query: string) => string;
  suggestionsLabel: string;
  askAboutSection: (section: string) => string;
  closestSectionsLabel: string;
  /** The phrase the not-found answer puts before its closest sections. */
  closestSectionsLead: RegExp;
  characterCount: (count: number, limit: number) => string;
  unverifiedFigure: string;
  derivedFigure: (derivation?: string) => string;
  citedElsewhereFigure: string;
  /** A unit in the interface's language. */
  unit: (unit: string) => string;
  /** A passage's label (`表 …`, `图 I.1`) with its kind in the interface's language. */
  sourceLabel: (label: string) => string;
}

/** Units the tables and figures use, in English. */
const englishUnits: Record<string, string> = {
  百万美元: "US$ million",
  亿美元: "US$ 100 million",
  万美元: "US$ 10,000",
  美元: "US$",
  百分比: "%",
  个: "",
  项: "",
  名: "people",
  人: "people",
  万: "× 10,000",
};

/** The names a unit goes by: itself, its English name, and the other units of that English name (`%`, `百分比`). */
function namesOfUnit(unit: string): string[] {
  const english = englishUnits[unit] ?? unit;
  const aliases = Object.keys(englishUnits).filter((name) => englishUnits[name] === english);
  const percent = english === "%" ? ["percent", "per cent"] : [];
  return [unit, english, ...aliases, ...percent].filter((name) => name !== "");
}

/** True when the caption already says its unit, in any of its names: the unit is then not added again. */
function captionNamesUnit(caption: string, unit: string): boolean {
  const lowerCaption = caption.toLowerCase();
  return namesOfUnit(unit).some((name) => lowerCaption.includes(name.toLowerCase()));
}

/** The kinds of labelled passage the report structure names, in English. */
const englishLabelKinds: ReadonlyArray<[RegExp, string]> = [
  [/^表\s*/u, "Table "],
  [/^图\s*/u, "Figure "],
];

const chineseTexts: UiTexts = {
  language: "zh",
  title: "报告问答",
  openChat: "打开报告问答",
  closeChat: "关闭",
  newConversation: "新对话",
  newConversationHint: "清除对话记录并重新开始",
  inputLabel: "关于报告的问题",
  placeholder: "就报告提问…",
  send: "发送",
  stop: "停止",
  stopped: "已停止生成。",
  generating: "正在生成回答…",
  answerReady: "回答已生成。",
  retry: "重试",
  copy: "复制回答及来源",
  copied: "已复制",
  copyFailed: "无法复制",
  sources: "来源",
  sourcesHeading: "引用的段落",
  noSourcesYet: "提问后，回答引用的段落会显示在这里。",
  passage: "引用段落",
  closePassage: "关闭段落",
  page: (page) => `第 ${page} 页`,
  pdfPage: (page) => `PDF 第 ${page} 页`,
  openCitation: (id) => `查看引用段落 ${id}`,
  notFoundLabel: "报告中未找到",
  you: "你",
  assistant: "助手",
  conversationLabel: "对话",
  errorNetwork: "无法连接到服务，请检查网络后重试。",
  errorInterrupted: "回答中断了，以上是已收到的部分。",
  errorRateLimited: (seconds) => (seconds ? `提问过于频繁，请在 ${seconds} 秒后重试。` : "提问过于频繁，请稍后重试。"),
  errorServer: "服务出现问题，请稍后重试。",
  errorRejected: (message) => `请求未被接受：${message}`,
  tableCaption: (caption, unit) => (unit && !captionNamesUnit(caption, unit) ? `${caption}（单位：${unit}）` : caption),
  chartLabel: (caption) => `图表：${caption}`,
  chartPlotted: (column) => `图中数值：${column}`,
  chartBaseline: (value) => `纵轴从 ${value} 开始，不从零开始`,
  emptyCell: "—",
  exampleQuestions: "示例问题",
  notice: "提示",
  helpful: "有帮助",
  notHelpful: "没有帮助",
  feedbackCommentLabel: "哪里不对？（可选）",
  feedbackSend: "提交",
  feedbackSkip: "跳过",
  feedbackThanks: "谢谢反馈。",
  feedbackFailed: "反馈未能发送。",
  regenerate: "重新生成",
  editQuestion: "修改问题",
  understoodAs: (query) => `理解为：${query}`,
  suggestionsLabel: "可以接着问",
  askAboutSection: (section) => `关于“${section}”，报告说了什么？`,
  closestSectionsLabel: "最接近的章节",
  closestSectionsLead: /最接近的内容在：(.+?)。?$/u,
  characterCount: (count, limit) => `${count} / ${limit} 字`,
  unverifiedFigure: "未经核实：引用的段落中没有这个数字",
  derivedFigure: (derivation) => (derivation ? `计算得出：${derivation}` : "计算得出"),
  citedElsewhereFigure: "报告其他段落中的数字，不在所引段落中",
  unit: (unit) => unit,
  sourceLabel: (label) => label,
};

const englishTexts: UiTexts = {
  language: "en",
  title: "Ask the report",
  openChat: "Open report chat",
  closeChat: "Close",
  newConversation: "New conversation",
  newConversationHint: "Clear the conversation history and start again",
  inputLabel: "Your question about the report",
  placeholder: "Ask the report…",
  send: "Send",
  stop: "Stop",
  stopped: "Generation stopped.",
  generating: "Generating the answer…",
  answerReady: "Answer ready.",
  retry: "Retry",
  copy: "Copy answer with sources",
  copied: "Copied",
  copyFailed: "Could not copy",
  sources: "Sources",
  sourcesHeading: "Cited passages",
  noSourcesYet: "Ask a question: the passages the answer cites appear here.",
  passage: "Cited passage",
  closePassage: "Close passage",
  page: (page) => `page ${page}`,
  pdfPage: (page) => `PDF page ${page}`,
  openCitation: (id) => `Show cited passage ${id}`,
  notFoundLabel: "Not in the report",
  you: "You",
  assistant: "Assistant",
  conversationLabel: "Conversation",
  errorNetwork: "The service cannot be reached. Check your connection and retry.",
  errorInterrupted: "The answer was interrupted; what arrived is shown above.",
  errorRateLimited: (seconds) =>
    seconds ? `Too many questions at once. Retry in ${seconds} s.` : "Too many questions at once. Retry shortly.",
  errorServer: "The service had a problem. Please retry.",
  errorRejected: (message) => `The request was not accepted: ${message}`,
  tableCaption: (caption, unit) => {
    const english = unit ? englishTexts.unit(unit) : "";
    return unit && english && !captionNamesUnit(caption, unit) ? `${caption} (unit: ${english})` : caption;
  },
  chartLabel: (caption) => `Chart: ${caption}`,
  chartPlotted: (column) => `Plotted: ${column}`,
  chartBaseline: (value) => `The axis starts at ${value}, not at zero`,
  emptyCell: "—",
  exampleQuestions: "Example questions",
  notice: "Note",
  helpful: "Helpful",
  notHelpful: "Not helpful",
  feedbackCommentLabel: "What was wrong? (optional)",
  feedbackSend: "Send",
  feedbackSkip: "Skip",
  feedbackThanks: "Thank you for the feedback.",
  feedbackFailed: "The feedback could not be sent.",
  regenerate: "Regenerate",
  editQuestion: "Edit question",
  understoodAs: (query) => `Understood as: ${query}`,
  suggestionsLabel: "You could ask next",
  askAboutSection: (section) => `What does the report say about “${section}”?`,
  closestSectionsLabel: "Closest sections",
  closestSectionsLead: /The closest passages are in: (.+?)\.?$/u,
  characterCount: (count, limit) => `${count} / ${limit} characters`,
  unverifiedFigure: "Not verified: no cited passage holds this number",
  derivedFigure: (derivation) => (derivation ? `Calculated: ${derivation}` : "Calculated"),
  citedElsewhereFigure: "Stated elsewhere in the report, not in the cited passages",
  unit: (unit) => englishUnits[unit] ?? unit,
  sourceLabel: (label) => {
    for (const [kind, english] of englishLabelKinds) if (kind.test(label)) return label.replace(kind, english);
    return label;
  },
};

/** The interface texts for a language. */
export function getUiTexts(language: InterfaceLanguage): UiTexts {
  return language === "en" ? englishTexts : chineseTexts;
}

/** Maps a BCP 47 tag (`zh-CN`, `en-GB`, …) to a supported interface language, if it is one. */
export function toInterfaceLanguage(tag: string | null | undefined): InterfaceLanguage | undefined {
  const normalized = tag?.trim().toLowerCase() ?? "";
  if (normalized.startsWith("zh")) return "zh";
  if (normalized.startsWith("en")) return "en";
  return undefined;
}
