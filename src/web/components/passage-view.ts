/**
 * Shows one cited passage: its section path, page, and the figures the answer took from it
 * highlighted. Rows of numbers are shown as a table and PDF line breaks are joined.
 */
import type { Citation } from "../../types.js";
import { createElement } from "./dom.js";
import { type CheckedFigure, highlightableFigures } from "./figure-status.js";
import { languageAttributeOf, withLanguageRuns } from "./language-runs.js";
import { type PassageTable, readPassage } from "./passage-text.js";
import type { UiTexts } from "./ui-texts.js";

interface Highlight {
  span: string;
  title: string;
}

/**
 * The passage as an `<article>`; `figures` may hold every figure of the answer (others are ignored).
 * A PDF's passage links to its page, resolved against `apiBase` (the server's origin; the page's own by default).
 */
export function renderPassage(
  citation: Citation,
  figures: readonly CheckedFigure[],
  texts: UiTexts,
  apiBase = "",
): HTMLElement {
  const headingId = `rc-passage-${citation.id}-${Math.random().toString(36).slice(2, 8)}`;
  const article = createElement("article", {
    className: "rc-passage",
    attributes: { "aria-labelledby": headingId, "data-citation": String(citation.id) },
  });
  const heading = createElement(
    "h3",
    { className: "rc-passage-heading", attributes: { id: headingId, tabindex: "-1" } },
    [
      createElement("span", { className: "rc-passage-number", text: `[${citation.id}]` }),
      " ",
      ...withLanguageRuns(passageTitleOf(citation, texts), texts.language),
    ],
  );
  article.append(heading, renderSectionPath(citation, texts));
  if (citation.url !== undefined && citation.page !== undefined) {
    article.append(
      renderDocumentLink(new URL(citation.url, apiBase || document.baseURI).href, texts.pdfPage(citation.page)),
    );
  }
  const highlights = highlightableFigures(figures)
    .filter((figure) => figure.citation === citation.id && figure.source)
    .map((figure) => ({
      span: figure.source?.span ?? figure.value,
      title: [figure.label, `${figure.value}${figure.unit ?? ""}`].filter(Boolean).join(": "),
    }));
  const pending = [...highlights];
  const body = createElement("div", {
    className: "rc-passage-text",
    attributes: { lang: languageTagOf(citation.text) },
  });
  for (const block of readPassage(citation.text)) {
    if (block.kind === "text") body.append(createElement("p", {}, highlightText(block.text, pending)));
    else body.append(renderPassageTable(block.table, pending));
  }
  article.append(body);
  return article;
}

/**
 * Scrolls `scroller` (and it alone: `scrollIntoView` would also scroll the panels around it) so the
 * passage's first highlighted figure, or else the passage's start, is in view.
 */
export function revealPassage(passage: HTMLElement, scroller: HTMLElement): void {
  const target = passage.querySelector<HTMLElement>(".rc-figure") ?? passage;
  const offset = target.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  const margin = target === passage ? 0 : scroller.clientHeight / 3;
  scroller.scrollTop += offset - margin;
}

/** The passage's label (`表 …`), else the last part of its section path, as its source chip shows it. */
function passageTitleOf(citation: Citation, texts: UiTexts): string {
  if (citation.label !== undefined) return texts.sourceLabel(citation.label);
  return citation.section.split(" > ").pop()?.trim() || texts.passage;
}

function languageTagOf(text: string): string {
  return /[\u3400-\u9fff]/u.test(text) ? "zh-CN" : "en";
}

function renderDocumentLink(href: string, text: string): HTMLElement {
  const link = createElement("a", {
    className: "rc-passage-document",
    text,
    attributes: { href, target: "_blank", rel: "noopener" },
  });
  return createElement("p", { className: "rc-passage-source" }, [link]);
}

function renderSectionPath(citation: Citation, texts: UiTexts): HTMLElement {
  const list = createElement("ol", { className: "rc-section-path" });
  for (const part of citation.section.split(" > ").filter((part) => part.trim() !== "")) {
    list.append(createElement("li", { text: part.trim(), attributes: languageAttributeOf(part, texts.language) }));
  }
  const page = renderPageItem(citation, texts);
  if (page) list.append(page);
  return createElement("nav", { className: "rc-section", attributes: { "aria-label": citation.section } }, [list]);
}

/** Where in the document the passage stands (its page), the last item of its path. */
function renderPageItem(citation: Citation, texts: UiTexts): HTMLElement | undefined {
  if (citation.page === undefined) return undefined;
  return createElement("li", { className: "rc-passage-page", text: texts.page(citation.page) });
}

function renderPassageTable(table: PassageTable, pending: Highlight[]): HTMLElement {
  const head = table.header
    ? [
        createElement("thead", {}, [
          createElement("tr", {}, [
            createElement("td"),
            ...table.header.map((cell) => createElement("th", { text: cell, attributes: { scope: "col" } })),
          ]),
        ]),
      ]
    : [];
  const rows = table.rows.map((row) =>
    createElement("tr", {}, [
      createElement("th", { attributes: { scope: "row" } }, highlightText(row.label, pending)),
      ...row.cells.map((cell) => createElement("td", { className: "rc-number" }, highlightText(cell, pending))),
    ]),
  );
  return createElement("div", { className: "rc-table-scroll rc-passage-table" }, [
    createElement("table", { className: "rc-table" }, [...head, createElement("tbody", {}, rows)]),
  ]);
}

/** The text with the first occurrence of each pending span marked; marked spans leave `pending`. */
function highlightText(text: string, pending: Highlight[]): Array<Node | string> {
  const found: Array<{ start: number; end: number; title: string }> = [];
  for (const highlight of [...pending]) {
    const start = text.indexOf(highlight.span);
    if (start === -1 || !highlight.span) continue;
    const end = start + highlight.span.length;
    if (found.some((range) => start < range.end && end > range.start)) continue;
    found.push({ start, end, title: highlight.title });
    pending.splice(pending.indexOf(highlight), 1);
  }
  found.sort((left, right) => left.start - right.start);
  const nodes: Array<Node | string> = [];
  let position = 0;
  for (const range of found) {
    nodes.push(text.slice(position, range.start));
    nodes.push(
      createElement("mark", {
        className: "rc-figure",
        text: text.slice(range.start, range.end),
        attributes: { title: range.title },
      }),
    );
    position = range.end;
  }
  nodes.push(text.slice(position));
  return nodes;
}
