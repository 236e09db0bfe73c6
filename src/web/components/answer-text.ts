/** Renders answer text: paragraphs and bullet lists, with `[n]` markers turned into buttons. */
import { createElement } from "./dom.js";
import type { UiTexts } from "./ui-texts.js";

const markerPattern = /\[(\d{1,3})\]/g;
const bulletPattern = /^\s*(?:[-*•·]|\d+[.)、])\s+/;

/** Called with the citation number when a marker button is pressed. */
export type MarkerHandler = (citationId: number, marker: HTMLButtonElement) => void;

/** Builds the answer's blocks; markers whose number is not in `citationIds` stay plain text. */
export function renderAnswerText(
  text: string,
  citationIds: ReadonlySet<number>,
  texts: UiTexts,
  onMarker: MarkerHandler,
): DocumentFragment {
  const fragment = document.createDocumentFragment();
  let list: HTMLUListElement | undefined;
  for (const line of text.split(/\n+/)) {
    if (line.trim() === "") continue;
    if (bulletPattern.test(line)) {
      list ??= fragment.appendChild(createElement("ul"));
      list.append(renderInline(line.replace(bulletPattern, ""), "li", citationIds, texts, onMarker));
    } else {
      list = undefined;
      fragment.append(renderInline(line, "p", citationIds, texts, onMarker));
    }
  }
  return fragment;
}

function renderInline(
  line: string,
  tagName: "p" | "li",
  citationIds: ReadonlySet<number>,
  texts: UiTexts,
  onMarker: MarkerHandler,
): HTMLElement {
  const block = createElement(tagName);
  let position = 0;
  for (const match of line.matchAll(markerPattern)) {
    const citationId = Number(match[1]);
    if (!citationIds.has(citationId)) continue;
    block.append(line.slice(position, match.index));
    block.append(createMarkerButton(citationId, texts, onMarker));
    position = match.index + match[0].length;
  }
  block.append(line.slice(position));
  return block;
}

function createMarkerButton(citationId: number, texts: UiTexts, onMarker: MarkerHandler): HTMLButtonElement {
  const button = createElement("button", {
    className: "rc-marker",
    text: `[${citationId}]`,
    attributes: { type: "button", "aria-label": texts.openCitation(citationId), "data-citation": String(citationId) },
  });
  button.addEventListener("click", () => onMarker(citationId, button));
  return button;
}
