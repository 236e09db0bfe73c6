/**
 * The full-page chat: the shared conversation component plus the cited passages (a side panel, or a bottom sheet on
 * phones).
 */
import type { Citation } from "../../types.js";
import { pageTokenAuth } from "../components/api-auth.js";
import { ChatView, type PassageRequest } from "../components/chat-view.js";
import type { ConversationTurn } from "../components/conversation.js";
import { createButton, createElement } from "../components/dom.js";
import { renderExampleQuestions } from "../components/example-questions-view.js";
import type { CheckedFigure } from "../components/figure-status.js";
import { newConversationIcon } from "../components/icons.js";
import { withLanguageRuns } from "../components/language-runs.js";
import { renderPassage, revealPassage } from "../components/passage-view.js";
import { getUiTexts, toInterfaceLanguage, type UiTexts } from "../components/ui-texts.js";
import { trapTabKey } from "../widget/focus-trap.js";
import type { PageIdentity } from "./page-html.js";

/** Below this width the passages are a bottom sheet over the conversation (as in page.css). */
const phoneQuery = "(max-width: 52rem)";

function startChatPage(): void {
  const chatSection = document.getElementById("chat");
  const sourcesPanel = document.getElementById("page-sources");
  const sourcesList = document.getElementById("page-sources-list");
  const tools = document.getElementById("page-header-tools");
  if (!chatSection || !sourcesList || !sourcesPanel || !tools) return;
  applyThemeFromQuery();
  const language = toInterfaceLanguage(document.documentElement.lang) ?? "zh";
  const texts = getUiTexts(language);
  const sources = new SourcesPanel(sourcesPanel, sourcesList, texts);
  const identity = readIdentity();
  const emptyState = createElement("div", { className: "page-intro" }, [
    createElement("p", { className: "page-intro-text" }, withLanguageRuns(identity?.description ?? "", language)),
    renderExampleQuestions(texts, language, identity?.examples ?? [], (question) => chat.ask(question)),
  ]);
  const chat: ChatView = new ChatView({
    apiBase: "",
    auth: pageTokenAuth(document, ""),
    texts,
    storageKey: "report-chat:page",
    placeholder: identity?.placeholder,
    emptyState,
    onOpenPassage: (request) => sources.showPassage(request),
    onTurnsChange: (turns) => sources.showLatestTurn(turns),
  });
  const newConversation = createButton(
    texts.newConversation,
    { className: "rc-secondary rc-new", attributes: { title: texts.newConversationHint } },
    () => {
      sources.closeSheet();
      chat.reset();
    },
  );
  // On a phone the words give way to an icon (page.css), leaving the one-line header to the report's title.
  newConversation.replaceChildren(
    newConversationIcon(),
    createElement("span", { className: "page-new-label", text: texts.newConversation }),
  );
  tools.prepend(newConversation);
  chatSection.append(chat.element);
}

/** What the server wrote into the page about the report (`<meta name="report-chat-identity">`). */
function readIdentity(): PageIdentity | undefined {
  const content = document.querySelector<HTMLMetaElement>('meta[name="report-chat-identity"]')?.content;
  try {
    return content ? (JSON.parse(content) as PageIdentity) : undefined;
  } catch {
    return undefined;
  }
}

/** `?theme=dark|light` forces a colour scheme; otherwise the system's is followed. */
function applyThemeFromQuery(): void {
  const theme = new URLSearchParams(window.location.search).get("theme");
  if (theme === "dark" || theme === "light") document.documentElement.dataset.theme = theme;
}

/** The passages: every passage the latest answer cites, or those of the answer whose marker was pressed. */
class SourcesPanel {
  /** Chunk ids of the passages on show, to skip needless re-rendering. */
  private shownSignature = "";
  private readonly phone = window.matchMedia(phoneQuery);
  private readonly backdrop = document.getElementById("page-sheet-backdrop");
  private trigger?: HTMLElement;

  constructor(
    private readonly panel: HTMLElement,
    private readonly container: HTMLElement,
    private readonly texts: UiTexts,
  ) {
    document.getElementById("page-sources-close")?.addEventListener("click", () => this.closeSheet());
    this.backdrop?.addEventListener("click", () => this.closeSheet());
    panel.addEventListener("keydown", (event) => {
      if (!this.isSheetOpen) return;
      if (event.key === "Escape") {
        event.preventDefault();
        this.closeSheet();
      } else trapTabKey(event, panel, document);
    });
    this.phone.addEventListener("change", () => {
      if (!this.phone.matches) this.closeSheet();
    });
  }

  private get isSheetOpen(): boolean {
    return document.body.classList.contains("page-sheet-open");
  }

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
    if (this.phone.matches) this.openSheet(request.trigger);
    passage.classList.add("rc-active");
    revealPassage(passage, this.panel);
    passage.querySelector<HTMLElement>(".rc-passage-heading")?.focus({ preventScroll: true });
  }

  closeSheet(): void {
    if (!this.isSheetOpen) return;
    document.body.classList.remove("page-sheet-open");
    this.panel.removeAttribute("role");
    this.panel.removeAttribute("aria-modal");
    if (this.backdrop) this.backdrop.hidden = true;
    if (this.trigger?.isConnected) this.trigger.focus();
  }

  private openSheet(trigger: HTMLElement): void {
    this.trigger = trigger;
    document.body.classList.add("page-sheet-open");
    this.panel.setAttribute("role", "dialog");
    this.panel.setAttribute("aria-modal", "true");
    if (this.backdrop) this.backdrop.hidden = false;
  }

  private render(citations: Citation[], figures: CheckedFigure[]): void {
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
