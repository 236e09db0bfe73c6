/** The HTML of the full-page chat (`GET /`): static text and links to the hashed script and stylesheet, no inline code. */
import type { InterfaceLanguage } from "../components/ui-texts.js";

export interface ChatPageHtmlOptions {
  language: InterfaceLanguage;
  /** URL of the page script, e.g. `/assets/page-1a2b3c4d5e.js`. */
  scriptPath: string;
  /** URL of the page stylesheet. */
  stylePath: string;
  /** The report the page answers about, from its profile; a page without one names no report. */
  report?: PageReport;
}

/** What the page says of the report: its title and the topics it covers. */
export interface PageReport {
  title: string;
  topics: string[];
}

interface PageTexts {
  htmlLang: string;
  title: string;
  heading: string;
  description: string;
  otherLanguageDescription: string;
  otherLanguageLang: string;
  switchLabel: string;
  switchHref: string;
  skipLink: string;
  conversation: string;
  sourcesHeading: string;
  sourcesEmpty: string;
  noScript: string;
}

function chineseTexts(report: PageReport | undefined): PageTexts {
  const covers = report && report.topics.length > 0 ? `本报告涵盖：${report.topics.join("；")}。` : "";
  return {
    htmlLang: "zh-CN",
    title: report ? `报告问答 · ${report.title}` : "报告问答",
    heading: report ? `${report.title} · 问答` : "报告问答",
    description: `${covers}提出问题，回答会引用报告原文段落并标出其中的数字。`,
    otherLanguageDescription: `Ask ${report ? `about ${report.title}` : "the report"} in English or Chinese: every answer cites the report's own passages.`,
    otherLanguageLang: "en",
    switchLabel: "English",
    switchHref: "/?lang=en",
    skipLink: "跳到对话",
    conversation: "对话",
    sourcesHeading: "引用的段落",
    sourcesEmpty: "提问后，回答引用的段落会显示在这里。",
    noScript: "此页面需要启用 JavaScript。",
  };
}

function englishTexts(report: PageReport | undefined): PageTexts {
  const covers = report && report.topics.length > 0 ? `It covers: ${report.topics.join("; ")}. ` : "";
  return {
    htmlLang: "en",
    title: report ? `Ask the report · ${report.title}` : "Ask the report",
    heading: report ? `${report.title} · Ask the report` : "Ask the report",
    description: `${covers}Ask a question: answers cite the report's passages and highlight their figures.`,
    otherLanguageDescription: `用中文或英文就${report ? `《${report.title}》` : "报告"}提问：每个回答都引用报告原文。`,
    otherLanguageLang: "zh-CN",
    switchLabel: "中文",
    switchHref: "/?lang=zh",
    skipLink: "Skip to the conversation",
    conversation: "Conversation",
    sourcesHeading: "Cited passages",
    sourcesEmpty: "Ask a question: the passages the answer cites appear here.",
    noScript: "This page needs JavaScript.",
  };
}

/** The whole document. */
export function renderChatPageHtml(options: ChatPageHtmlOptions): string {
  const texts = options.language === "en" ? englishTexts(options.report) : chineseTexts(options.report);
  return `<!doctype html>
<html lang="${texts.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(texts.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(options.stylePath)}">
<script src="${escapeHtml(options.scriptPath)}" defer></script>
</head>
<body>
<a class="page-skip-link" href="#chat">${escapeHtml(texts.skipLink)}</a>
<header class="page-header">
<div class="page-header-text">
<h1>${escapeHtml(texts.heading)}</h1>
<p>${escapeHtml(texts.description)}</p>
<p lang="${texts.otherLanguageLang}" class="page-other-language">${escapeHtml(texts.otherLanguageDescription)}</p>
</div>
<nav class="page-language"><a href="${texts.switchHref}" lang="${texts.otherLanguageLang}">${escapeHtml(texts.switchLabel)}</a></nav>
</header>
<main class="page-main">
<section id="chat" class="page-chat" aria-label="${escapeHtml(texts.conversation)}" tabindex="-1">
<noscript><p>${escapeHtml(texts.noScript)}</p></noscript>
</section>
<aside class="page-sources" aria-labelledby="page-sources-heading">
<h2 id="page-sources-heading">${escapeHtml(texts.sourcesHeading)}</h2>
<div id="page-sources-list"><p class="page-sources-empty">${escapeHtml(texts.sourcesEmpty)}</p></div>
</aside>
</main>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
