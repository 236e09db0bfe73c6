/** Small inline SVG icons (no font or image needed, allowed under a strict CSP). */
import { createSvgElement } from "./dom.js";

const thumbPath =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 " +
  "7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";

/** A thumb pointing up, or down: decorative, the button around it carries the name. */
export function thumbIcon(direction: "up" | "down"): SVGSVGElement {
  return createSvgElement(
    "svg",
    { viewBox: "0 0 24 24", width: 16, height: 16, "aria-hidden": "true", focusable: "false", class: "rc-icon" },
    [
      createSvgElement("path", {
        d: thumbPath,
        fill: "currentColor",
        transform: direction === "down" ? "rotate(180 12 12)" : undefined,
      }),
    ],
  );
}

/** A pen over a page, for "new conversation" where there is no room for its words. */
export function newConversationIcon(): SVGSVGElement {
  return createSvgElement(
    "svg",
    { viewBox: "0 0 24 24", width: 22, height: 22, "aria-hidden": "true", focusable: "false", class: "rc-icon" },
    [
      createSvgElement("path", {
        d:
          "M3 17.25V21h3.75L17.81 9.94l-3.75-3.75L3 17.25zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 " +
          "0l-1.83 1.83 3.75 3.75 1.83-1.83z",
        fill: "currentColor",
      }),
    ],
  );
}
