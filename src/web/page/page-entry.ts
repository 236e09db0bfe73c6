/** The full-page chat: the shared conversation component plus a side panel of cited passages. */
import type { Citation, Figure } from "../../types.js";
import { ChatView, type PassageRequest } from "../components/chat-view.js";
import type { ConversationTurn } from "../components/conversation.js";
import { createButton, createElement } from "../components/dom.js";
import { renderExampleQuestions } from "../components/example-questions-view.js";
import { renderPassage } from "../components/passage-view.js";
import { getUiTexts, toInterfaceLanguage, type UiTexts } from "../components/ui-texts.js";

function startChatPage(): void {
  const chatSection = document.getElementById("chat");
  const sourcesList = document.getElementById("page-sources-list");
  if (!chatSection || !sourcesList) return;
  const language = toInterfaceLanguage(document.documentElement.lang) ?? "zh";
  const texts = getUiTexts(language);
  const sources = new SourcesPanel(sourcesList, texts);
  const chat: ChatView = new ChatView({
    apiBase: "",
    texts,
    storageKey: "report-chat:page",
    emptyState: renderExampleQuestions(texts, language, (question) => chat.ask(question)),
    onOpenPassage: (request) => sources.showPassage(request),
    onTurnsChange: (turns) => sources.showLatestTurn(turns),
  });
  const toolbar = createElement("div", { className: "page-chat-toolbar" }, [
    createButton(texts.newConversation, { className: "rc-secondary rc-new" }, () => chat.reset()),
  ]);
  chatSection.append(toolbar, chat.element);
}

/** The side panel: every passage the latest answer cites, or those of the answer whose marker was pressed. */
class SourcesPanel {
  /** Chunk ids of the passages on show, to skip needless re-rendering. */
  private shownSignature = "";

  constructor(
    private readonly container: HTMLElement,
    private readonly texts: UiTexts,
  ) {}

  showLatestTurn(turns: readonly ConversationTurn[]): void {
    const latest = [...turns].reverse().find((turn) => turn.state !== "streaming" && turn.citations.length > 0);
    if (!latest) {
      if (turns.length === 0) this.renderEmpty();
      return;
    }
    this.render(latest.citations, latest.response?.figures ?? []);
  }

  showPassage(request: PassageRequest): void {
    this.render(request.answerCitations, request.figures);
    for (const element of this.container.querySelectorAll(".rc-passage")) element.classList.remove("rc-active");
    const passage = this.container.querySelector<HTMLElement>(`.rc-passage[data-citation="${request.citation.id}"]`);
    if (!passage) return;
    passage.classList.add("rc-active");
    passage.scrollIntoView({ block: "nearest" });
    passage.querySelector<HTMLElement>(".rc-passage-heading")?.focus();
  }

  private render(citations: Citation[], figures: Figure[]): void {
    const signature = citations.map((citation) => citation.chunkId).join("|");
    if (signature === this.shownSignature) return;
    this.shownSignature = signature;
    this.container.replaceChildren(...citations.map((citation) => renderPassage(citation, figures, this.texts)));
  }

  private renderEmpty(): void {
    this.shownSignature = "";
    this.container.replaceChildren(
      createElement("p", { className: "page-sources-empty", text: this.texts.noSourcesYet }),
    );
  }
}

startChatPage();
