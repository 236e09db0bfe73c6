/** Shows one cited passage: its section path, page, and the figures the answer took from it highlighted. */
import type { Citation, Figure } from "../../types.js";
import { createElement } from "./dom.js";
import type { UiTexts } from "./ui-texts.js";

interface TextRange {
  start: number;
  end: number;
  title: string;
}

/** The passage as an `<article>`; `figures` may hold every figure of the answer (others are ignored). */
export function renderPassage(citation: Citation, figures: Figure[], texts: UiTexts): HTMLElement {
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
      citation.label ?? texts.passage,
    ],
  );
  article.append(heading, renderSectionPath(citation, texts));
  article.append(createElement("blockquote", { className: "rc-passage-text" }, highlightFigures(citation, figures)));
  return article;
}

function renderSectionPath(citation: Citation, texts: UiTexts): HTMLElement {
  const list = createElement("ol", { className: "rc-section-path" });
  for (const part of citation.section.split(" > ").filter((part) => part.trim() !== "")) {
    list.append(createElement("li", { text: part.trim() }));
  }
  if (citation.page !== undefined) {
    list.append(createElement("li", { className: "rc-passage-page", text: texts.page(citation.page) }));
  }
  return createElement("nav", { className: "rc-section", attributes: { "aria-label": citation.section } }, [list]);
}

function highlightFigures(citation: Citation, figures: Figure[]): Node[] {
  const ranges = findFigureRanges(citation, figures);
  const nodes: Node[] = [];
  let position = 0;
  for (const range of ranges) {
    nodes.push(document.createTextNode(citation.text.slice(position, range.start)));
    nodes.push(
      createElement("mark", {
        className: "rc-figure",
        text: citation.text.slice(range.start, range.end),
        attributes: { title: range.title },
      }),
    );
    position = range.end;
  }
  nodes.push(document.createTextNode(citation.text.slice(position)));
  return nodes;
}

/** Sorted, non-overlapping ranges of the passage text that hold the answer's figures. */
function findFigureRanges(citation: Citation, figures: Figure[]): TextRange[] {
  const ranges: TextRange[] = [];
  for (const figure of figures) {
    if (figure.citation !== citation.id) continue;
    const range = locateFigure(citation.text, figure);
    if (range) ranges.push(range);
  }
  ranges.sort((left, right) => left.start - right.start);
  return ranges.filter((range, index) => index === 0 || range.start >= ranges[index - 1].end);
}

function locateFigure(text: string, figure: Figure): TextRange | undefined {
  const title = [figure.label, `${figure.value}${figure.unit ?? ""}`].filter(Boolean).join(": ");
  const source = figure.source;
  if (source && text.slice(source.start, source.start + source.span.length) === source.span) {
    return { start: source.start, end: source.start + source.span.length, title };
  }
  const needle = source?.span ?? figure.value;
  const start = needle ? text.indexOf(needle) : -1;
  return start === -1 ? undefined : { start, end: start + needle.length, title };
}
