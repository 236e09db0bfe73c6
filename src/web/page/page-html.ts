/**
 * The HTML of the full-page chat (`GET /`): static text and links to the hashed script and stylesheet, no inline
 * code.
 */
import type { InterfaceLanguage } from "../components/ui-texts.js";
import { genericIdentity, type ReportIdentity } from "../report-identity.js";

export interface ChatPageHtmlOptions {
  language: InterfaceLanguage;
  /** URL of the page script, e.g. `/assets/page-1a2b3c4d5e.js`. */
  scriptPath: string;
  /** URL of the page stylesheet. */
  stylePath: string;
  /** What the page says of the report it answers about; before one is loaded, the generic identity. */
  identity?: ReportIdentity;
}

/** What the page script reads of the report, from the page's `report-chat-identity` meta element. */
export interface PageIdentity {
  shortTitle: string;
  description: string;
  placeholder: string;
  examples: ReportIdentity["examples"];
}

/** The identity as JSON in a `<meta>` element: data, not code, under the page's `script-src 'self'`. */
function identityMeta(identity: ReportIdentity, language: InterfaceLanguage): string {
  const { shortTitle, description, placeholder } = identity[language];
  const data: PageIdentity = { shortTitle, description, placeholder, examples: identity.examples };
  return `<meta name="report-chat-identity" content="${escapeHtml(JSON.stringify(data))}">`;
}

interface PageTexts {
  htmlLang: string;
  /** What the page is, before the report's name in its title. */
  appName: string;
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
  appName: "报告问答",
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
  appName: "Ask the report",
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
  const fullIdentity = options.identity ?? genericIdentity;
  const identity = fullIdentity[options.language];
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
<title>${escapeHtml(
      identity.reportTitle === texts.appName ? texts.appName : `${texts.appName} · ${identity.reportTitle}`,
    )}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${escapeHtml(options.stylePath)}">
${identityMeta(fullIdentity, options.language)}
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
