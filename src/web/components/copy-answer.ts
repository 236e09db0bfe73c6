/** Puts an answer and its sources on the clipboard as plain text. */
import type { ConversationTurn } from "./conversation.js";
import type { UiTexts } from "./ui-texts.js";

/** The answer, then each cited passage with its number, section and page. */
export function formatAnswerForCopy(turn: ConversationTurn, texts: UiTexts): string {
  const lines = [turn.answerText.trim()];
  if (turn.citations.length > 0) {
    lines.push("", `${texts.sources}:`);
    for (const citation of turn.citations) {
      const page = citation.page === undefined ? "" : ` (${texts.page(citation.page)})`;
      lines.push(`[${citation.id}] ${citation.section}${page}`, `    ${citation.text.replace(/\s+/g, " ").trim()}`);
    }
  }
  return lines.join("\n");
}

/** Writes text to the clipboard, falling back to a hidden text area where the async API is refused. */
export async function copyText(text: string, container: Node): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return copyWithTextArea(text, container);
  }
}

function copyWithTextArea(text: string, container: Node): boolean {
  const textArea = document.createElement("textarea");
  textArea.value = text;
  textArea.setAttribute("readonly", "");
  textArea.style.position = "fixed";
  textArea.style.opacity = "0";
  container.appendChild(textArea);
  textArea.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    textArea.remove();
  }
}
