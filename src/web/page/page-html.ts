/**
 * The HTML of the full-page chat (`GET /`): static text and links to the hashed script and stylesheet, no inline
 * code.
 */
import type { InterfaceLanguage } from "../components/ui-texts.js";
import { reportIdentity } from "../report-identity.js";

export interface ChatPageHtmlOptions {
  language: InterfaceLanguage;
  /** URL of the page script, e.g. `/assets/page-1a2b3c4d5e.js`. */
  scriptPath: string;
  /** URL of the page stylesheet. */
  stylePath: string;
  /** The report the page answers about, from its profile; without one the page uses the built-in identity. */
  report?: PageReport;
}

/** What the page says of the report: its title and the topics it covers. */
export interface PageReport {
  title: string;
  topics: string[];
}

/** The page's title and description: the loaded report's own, else the built-in identity. */
function identityOf(language: InterfaceLanguage, report: PageReport | undefined) {
  const builtIn = reportIdentity[language];
  if (!report) return builtIn;
  const topics = report.topics.join(language === "en" ? "; " : "；");
  const description =
    language === "en"
      ? `${topics ? `It covers: ${topics}. ` : ""}Answers cite the report's passages and highlight their figures.`
      : `${topics ? `本报告涵盖：${topics}。` : ""}回答会引用报告原文段落并标出其中的数字。`;
  return { ...builtIn, reportTitle: report.title, description };
}

interface PageTexts {
  htmlLang: string;
  switchLabel: string;
  switchLang: string;
  switchHref: string;
  skipLink: string;
  conversation: string;
  sourcesHeading: string;
  sourcesEmpty: string;
  closeSources: string;
  noScript: string;
}

const chinese: PageTexts = {
  htmlLang: "zh-CN",
  switchLabel: "English",
  switchLang: "en",
  switchHref: "/?lang=en",
  skipLink: "跳到对话",
  conversation: "对话",
  sourcesHeading: "引用的段落",
  sourcesEmpty: "提问后，回答引用的段落会显示在这里。",
  closeSources: "关闭引用段落",
  noScript: "此页面需要启用 JavaScript。",
};

const english: PageTexts = {
  htmlLang: "en",
  switchLabel: "中文",
  switchLang: "zh-CN",
  switchHref: "/?lang=zh",
  skipLink: "Skip to the conversation",
  conversation: "Conversation",
  sourcesHeading: "Cited passages",
  sourcesEmpty: "Ask a question: the passages the answer cites appear here.",
  closeSources: "Close cited passages",
  noScript: "This page needs JavaScript.",
};

/** The whole document: a one-line header, the conversation, and the passages (a bottom sheet on phones). */
export function renderChatPageHtml(options: ChatPageHtmlOptions): string {
  const texts = options.language === "en" ? english : chinese;
  const identity = identityOf(options.language, options.report);
  // A report title in Chinese on the English page is marked as such, for screen readers and fonts.
  const titleLanguage =
    options.language === "en" && /[\u3400-\u9fff]/u.test(identity.reportTitle) ? ' lang="zh-CN"' : "";
  return (
    `<!doctype html>
<html lang="${texts.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="color-scheme" content="light dark">
<meta name="description" content="${escapeHtml(identity.description)}">
<title>${escapeHtml(`${identity.shortTitle} · ${identity.reportTitle}`)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(options.stylePath)}">
<script src="${escapeHtml(options.scriptPath)}" defer></script>
</head>
<body>
<a class="page-skip-link" href="#chat">${escapeHtml(texts.skipLink)}</a>
<header class="page-header">
<h1 title="${escapeHtml(identity.reportTitle)}"${titleLanguage}>${escapeHtml(identity.reportTitle)}</h1>
<div class="page-header-tools" id="page-header-tools">
<a class="page-language" href="${texts.switchHref}" ` +
    `lang="${texts.switchLang}">${escapeHtml(texts.switchLabel)}</a>
</div>
</header>
<main class="page-main">
<section id="chat" class="page-chat" aria-label="${escapeHtml(texts.conversation)}" tabindex="-1">
<noscript><p>${escapeHtml(texts.noScript)}</p></noscript>
</section>
<div class="page-sheet-backdrop" id="page-sheet-backdrop" hidden></div>
<aside class="page-sources" id="page-sources" aria-labelledby="page-sources-heading">
<div class="page-sources-header">
<h2 id="page-sources-heading">${escapeHtml(texts.sourcesHeading)}</h2>
<button type="button" class="rc-close page-sources-close" id="page-sources-close" ` +
    `aria-label="${escapeHtml(texts.closeSources)}">×</button>
</div>
<div id="page-sources-list"><p class="page-sources-empty">${escapeHtml(texts.sourcesEmpty)}</p></div>
</aside>
</main>
</body>
</html>
`
  );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
