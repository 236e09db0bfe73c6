/** Small helpers to build DOM trees without HTML strings (the widget must run under a strict CSP). */

export interface ElementOptions {
  className?: string;
  text?: string;
  attributes?: Record<string, string | undefined>;
}

/** Creates an HTML element with a class, text and attributes, then appends the children. */
export function createElement<TagName extends keyof HTMLElementTagNameMap>(
  tagName: TagName,
  options: ElementOptions = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[TagName] {
  const element = document.createElement(tagName);
  if (options.className) element.className = options.className;
  if (options.text !== undefined) element.textContent = options.text;
  setAttributes(element, options.attributes);
  for (const child of children) element.append(child);
  return element;
}

const svgNamespace = "http://www.w3.org/2000/svg";

/** Creates an SVG element with attributes. */
export function createSvgElement<TagName extends keyof SVGElementTagNameMap>(
  tagName: TagName,
  attributes: Record<string, string | number | undefined> = {},
  children: Array<Node | string> = [],
): SVGElementTagNameMap[TagName] {
  const element = document.createElementNS(svgNamespace, tagName);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, String(value));
  }
  for (const child of children) element.append(child);
  return element;
}

function setAttributes(element: Element, attributes: Record<string, string | undefined> = {}): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
}

/** A button with `type="button"` so it never submits a surrounding form. */
export function createButton(
  text: string,
  options: ElementOptions = {},
  onClick?: (event: MouseEvent) => void,
): HTMLButtonElement {
  const button = createElement("button", { ...options, text, attributes: { type: "button", ...options.attributes } });
  if (onClick) button.addEventListener("click", onClick);
  return button;
}
