/**
 * Renders answer text: paragraphs and bullet lists, with `[n]` markers turned into buttons and the
 * numbers no cited passage holds marked where they stand.
 */
import { createElement } from "./dom.js";
import type { FigureNote } from "./figure-status.js";
import { withLanguageRuns } from "./language-runs.js";
import { tidyMarkers } from "./marker-text.js";
import type { UiTexts } from "./ui-texts.js";

const markerPattern = /\[(\d{1,3})\]/g;
const bulletPattern = /^\s*(?:[-*•·]|\d+[.)、])\s+/;

/** Called with the citation number when a marker button is pressed. */
export type MarkerHandler = (citationId: number, marker: HTMLButtonElement) => void;

export interface AnswerTextOptions {
  citationIds: ReadonlySet<number>;
  texts: UiTexts;
  onMarker: MarkerHandler;
  /** Numbers to mark as not verified, derived or stated elsewhere. */
  figureNotes?: readonly FigureNote[];
}

/** Builds the answer's blocks; markers whose number is not in `citationIds` stay plain text. */
export function renderAnswerText(text: string, options: AnswerTextOptions): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let list: HTMLUListElement | undefined;
  for (const line of text.split(/\n+/)) {
    if (line.trim() === "") continue;
    const tidy = tidyMarkers(line);
    if (bulletPattern.test(tidy)) {
      list ??= fragment.appendChild(createElement("ul"));
      list.append(renderInline(tidy.replace(bulletPattern, ""), "li", options));
    } else {
      list = undefined;
      fragment.append(renderInline(tidy, "p", options));
    }
  }
  return fragment;
}

function renderInline(line: string, tagName: "p" | "li", options: AnswerTextOptions): HTMLElement {
  const block = createElement(tagName);
  let position = 0;
  for (const match of line.matchAll(markerPattern)) {
    const citationId = Number(match[1]);
    if (!options.citationIds.has(citationId)) continue;
    block.append(...markFigures(line.slice(position, match.index), options));
    block.append(createMarkerButton(citationId, options));
    position = match.index + match[0].length;
  }
  block.append(...markFigures(line.slice(position), options));
  return block;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The text with each noted number wrapped in a marked span (a number inside a longer one is left alone). */
function markFigures(text: string, options: AnswerTextOptions): Array<Node | string> {
  const notes = options.figureNotes ?? [];
  const language = options.texts.language;
  if (notes.length === 0 || text === "") return withLanguageRuns(text, language);
  const byValue = new Map(notes.map((note) => [note.value, note]));
  const values = [...byValue.keys()].sort((left, right) => right.length - left.length).map(escapeRegExp);
  const pattern = new RegExp(`(?<![\\d.,])(?:${values.join("|")})(?![\\d]|[.,]\\d)`, "gu");
  const nodes: Array<Node | string> = [];
  let position = 0;
  for (const match of text.matchAll(pattern)) {
    const note = byValue.get(match[0]);
    if (!note) continue;
    nodes.push(...withLanguageRuns(text.slice(position, match.index), language));
    nodes.push(renderFigureNote(match[0], note, options.texts));
    position = match.index + match[0].length;
  }
  nodes.push(...withLanguageRuns(text.slice(position), language));
  return nodes;
}

function renderFigureNote(value: string, note: FigureNote, texts: UiTexts): HTMLElement {
  const explanation =
    note.status === "unverified"
      ? texts.unverifiedFigure
      : note.status === "derived"
        ? texts.derivedFigure(note.derivation)
        : texts.citedElsewhereFigure;
  return createElement(
    "span",
    { className: `rc-figure-note rc-figure-${note.status}`, attributes: { title: explanation, "data-figure": value } },
    [value, createElement("span", { className: "rc-visually-hidden", text: ` (${explanation})` })],
  );
}

function createMarkerButton(citationId: number, options: AnswerTextOptions): HTMLButtonElement {
  const visible = `[${citationId}]`;
  const button = createElement("button", {
    className: "rc-marker",
    text: visible,
    attributes: {
      type: "button",
      "aria-label": `${visible} ${options.texts.openCitation(citationId)}`,
      "data-citation": String(citationId),
    },
  });
  button.addEventListener("click", () => options.onMarker(citationId, button));
  return button;
}
