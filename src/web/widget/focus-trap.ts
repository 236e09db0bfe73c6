/** Keeps Tab and Shift+Tab cycling inside a container while it is open. */

const focusableSelector = [
  "a[href]",
  "button:not([disabled])",
  "textarea:not([disabled])",
  "input:not([disabled])",
  "select:not([disabled])",
  '[tabindex]:not([tabindex="-1"])',
].join(",");

/** The container's focusable elements that are currently displayed, in document order. */
export function findFocusableElements(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(focusableSelector)).filter(
    (element) => !element.closest("[hidden]") && element.getClientRects().length > 0,
  );
}

/** Handles a keydown: wraps focus at either end of the container; returns whether it did. */
export function trapTabKey(event: KeyboardEvent, container: HTMLElement, root: DocumentOrShadowRoot): boolean {
  if (event.key !== "Tab") return false;
  const focusable = findFocusableElements(container);
  if (focusable.length === 0) return false;
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  const active = root.activeElement;
  const outside = !active || !container.contains(active);
  if (event.shiftKey && (active === first || outside)) {
    event.preventDefault();
    last.focus();
    return true;
  }
  if (!event.shiftKey && (active === last || outside)) {
    event.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
