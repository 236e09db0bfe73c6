/** The HTML of the full-page chat (`GET /`): static text and links to the hashed script and stylesheet, no inline code. */
import type { InterfaceLanguage } from "../components/ui-texts.js";

export interface ChatPageHtmlOptions {
  language: InterfaceLanguage;
  /** URL of the page script, e.g. `/assets/page-1a2b3c4d5e.js`. */
  scriptPath: string;
  /** URL of the page stylesheet. */
  stylePath: string;
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

const chinese: PageTexts = {
  htmlLang: "zh-CN",
  title: "报告问答 · 国际劳工组织 2018-2019 年计划执行报告",
  heading: "国际劳工组织 2018-2019 年计划执行报告 · 问答",
  description:
    "本报告（GB.340/PFA/5）回顾了劳工组织 2018-2019 两年期的工作、资源和成果：预算与支出、十项政策成果目标的进展，以及经验教训。提出问题，回答会引用报告原文段落并标出其中的数字。",
  otherLanguageDescription:
    "Ask about the ILO Programme Implementation Report 2018-19 (GB.340/PFA/5): its budget and spending, progress on the ten policy outcomes and lessons learned. Every answer cites the report's own passages.",
  otherLanguageLang: "en",
  switchLabel: "English",
  switchHref: "/?lang=en",
  skipLink: "跳到对话",
  conversation: "对话",
  sourcesHeading: "引用的段落",
  sourcesEmpty: "提问后，回答引用的段落会显示在这里。",
  noScript: "此页面需要启用 JavaScript。",
};

const english: PageTexts = {
  htmlLang: "en",
  title: "Ask the report · ILO Programme Implementation Report 2018-19",
  heading: "ILO Programme Implementation Report 2018-19 · Ask the report",
  description:
    "The report (GB.340/PFA/5) reviews the ILO's work, resources and results in 2018-19: budget and expenditure, progress on the ten policy outcomes, and lessons learned. Ask a question: answers cite the report's passages and highlight their figures. The report text is in Chinese.",
  otherLanguageDescription:
    "就劳工组织 2018-2019 年计划执行报告提问：预算与支出、十项政策成果目标的进展和经验教训。每个回答都引用报告原文。",
  otherLanguageLang: "zh-CN",
  switchLabel: "中文",
  switchHref: "/?lang=zh",
  skipLink: "Skip to the conversation",
  conversation: "Conversation",
  sourcesHeading: "Cited passages",
  sourcesEmpty: "Ask a question: the passages the answer cites appear here.",
  noScript: "This page needs JavaScript.",
};

/** The whole document. */
export function renderChatPageHtml(options: ChatPageHtmlOptions): string {
  const texts = options.language === "en" ? english : chinese;
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
