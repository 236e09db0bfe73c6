/** Interface texts in the two languages the chat speaks. */

export type InterfaceLanguage = "zh" | "en";

export interface UiTexts {
  title: string;
  openChat: string;
  closeChat: string;
  newConversation: string;
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
  openCitation: (id: number) => string;
  notFoundLabel: string;
  you: string;
  assistant: string;
  conversationLabel: string;
  errorNetwork: string;
  errorRateLimited: (retryAfterSeconds?: number) => string;
  errorServer: string;
  errorRejected: (message: string) => string;
  tableCaption: (caption: string, unit?: string) => string;
  chartLabel: (caption: string) => string;
  emptyCell: string;
  exampleQuestions: string;
  notice: string;
}

const chineseTexts: UiTexts = {
  title: "报告问答",
  openChat: "打开报告问答",
  closeChat: "关闭",
  newConversation: "新对话",
  inputLabel: "关于报告的问题",
  placeholder: "就《2018-2019 年计划执行报告》提问…",
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
  openCitation: (id) => `查看引用段落 ${id}`,
  notFoundLabel: "报告中未找到",
  you: "你",
  assistant: "助手",
  conversationLabel: "对话",
  errorNetwork: "无法连接到服务，请检查网络后重试。",
  errorRateLimited: (seconds) => (seconds ? `提问过于频繁，请在 ${seconds} 秒后重试。` : "提问过于频繁，请稍后重试。"),
  errorServer: "服务出现问题，请稍后重试。",
  errorRejected: (message) => `请求未被接受：${message}`,
  tableCaption: (caption, unit) => (unit ? `${caption}（单位：${unit}）` : caption),
  chartLabel: (caption) => `图表：${caption}`,
  emptyCell: "—",
  exampleQuestions: "示例问题",
  notice: "提示",
};

const englishTexts: UiTexts = {
  title: "Ask the report",
  openChat: "Open report chat",
  closeChat: "Close",
  newConversation: "New conversation",
  inputLabel: "Your question about the report",
  placeholder: "Ask about the Programme Implementation Report 2018-19…",
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
  openCitation: (id) => `Show cited passage ${id}`,
  notFoundLabel: "Not in the report",
  you: "You",
  assistant: "Assistant",
  conversationLabel: "Conversation",
  errorNetwork: "The service cannot be reached. Check your connection and retry.",
  errorRateLimited: (seconds) =>
    seconds ? `Too many questions at once. Retry in ${seconds} s.` : "Too many questions at once. Retry shortly.",
  errorServer: "The service had a problem. Please retry.",
  errorRejected: (message) => `The request was not accepted: ${message}`,
  tableCaption: (caption, unit) => (unit ? `${caption} (unit: ${unit})` : caption),
  chartLabel: (caption) => `Chart: ${caption}`,
  emptyCell: "—",
  exampleQuestions: "Example questions",
  notice: "Note",
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
