/** The conversation component shared by the widget and the chat page: message log, composer, streaming. */
import type { Citation, Figure } from "../../types.js";
import { renderAnswerChart } from "./answer-chart-view.js";
import { renderAnswerTable } from "./answer-table-view.js";
import { renderAnswerText } from "./answer-text.js";
import { streamChat } from "./chat-client.js";
import { ChatRequestError } from "./chat-request-error.js";
import { ConversationStorage, type ConversationTurn, toChatMessages } from "./conversation.js";
import { copyText, formatAnswerForCopy } from "./copy-answer.js";
import { createButton, createElement } from "./dom.js";
import type { UiTexts } from "./ui-texts.js";

/** What the container needs to show a passage the reader asked for. */
export interface PassageRequest {
  citation: Citation;
  /** Every passage the same answer cites. */
  answerCitations: Citation[];
  /** Every figure of the answer; the passage view keeps those of this citation. */
  figures: Figure[];
  /** The control that asked, to return focus to. */
  trigger: HTMLElement;
}

export interface ChatViewOptions {
  /** Origin of the API; empty for the page's own origin. */
  apiBase: string;
  /** Sent as `Authorization: Bearer` when the server requires keys. */
  apiKey?: string;
  texts: UiTexts;
  /** sessionStorage key of the conversation. */
  storageKey: string;
  /** Placeholder of the question field. @default texts.placeholder */
  placeholder?: string;
  /** Shown in the log while the conversation is empty (e.g. example questions). */
  emptyState?: HTMLElement;
  onOpenPassage: (request: PassageRequest) => void;
  /** Called after every change to the turns (the page keeps its side panel in step). */
  onTurnsChange?: (turns: readonly ConversationTurn[]) => void;
}

/** A live conversation with the report; `element` is placed by the widget or the page. */
export class ChatView {
  readonly element: HTMLElement;
  private readonly options: ChatViewOptions;
  private readonly storage: ConversationStorage;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  private readonly turnElements = new Map<ConversationTurn, HTMLElement>();
  private turns: ConversationTurn[];
  private activeRequest?: AbortController;

  constructor(options: ChatViewOptions) {
    this.options = options;
    this.storage = new ConversationStorage(options.storageKey);
    this.turns = this.storage.load();
    const texts = options.texts;
    this.log = createElement("div", {
      className: "rc-log",
      attributes: { role: "log", "aria-live": "polite", "aria-label": texts.conversationLabel, tabindex: "-1" },
    });
    this.status = createElement("div", { className: "rc-visually-hidden", attributes: { role: "status" } });
    this.input = createElement("textarea", {
      className: "rc-input",
      attributes: {
        rows: "2",
        placeholder: options.placeholder ?? texts.placeholder,
        "aria-label": texts.inputLabel,
        maxlength: "2000",
      },
    });
    this.sendButton = createElement("button", {
      className: "rc-send",
      text: texts.send,
      attributes: { type: "submit" },
    });
    this.stopButton = createButton(texts.stop, { className: "rc-stop" }, () => this.stop());
    this.stopButton.hidden = true;
    this.composer = this.createComposer();
    this.element = createElement("div", { className: "rc-chat" }, [this.log, this.composer, this.status]);
    this.renderAllTurns();
  }

  /** Sends a question; an answer still streaming is stopped first. */
  ask(question: string): void {
    const trimmed = question.trim();
    if (!trimmed) return;
    this.stop();
    const turn: ConversationTurn = { question: trimmed, state: "streaming", answerText: "", citations: [] };
    this.turns.push(turn);
    this.renderAllTurns();
    void this.runTurn(turn);
  }

  /** Stops the answer being generated, keeping what has arrived. */
  stop(): void {
    this.activeRequest?.abort();
  }

  /** Forgets the conversation, here and in sessionStorage. */
  reset(): void {
    this.stop();
    this.turns = [];
    this.storage.clear();
    this.renderAllTurns();
    this.input.value = "";
    this.focusInput();
  }

  /** Places a container's own element (e.g. a passage drawer) between the log and the question field. */
  insertAboveComposer(element: HTMLElement): void {
    this.element.insertBefore(element, this.composer);
  }

  focusInput(): void {
    this.input.focus();
  }

  get isStreaming(): boolean {
    return this.activeRequest !== undefined;
  }

  private createComposer(): HTMLFormElement {
    const form = createElement("form", { className: "rc-composer" }, [this.input, this.sendButton, this.stopButton]);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.submitInput();
    });
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submitInput();
      }
    });
    return form;
  }

  private submitInput(): void {
    const question = this.input.value;
    if (!question.trim()) return;
    this.input.value = "";
    this.ask(question);
  }

  private async runTurn(turn: ConversationTurn): Promise<void> {
    const controller = new AbortController();
    this.activeRequest = controller;
    this.setStreamingControls(true);
    this.announce(this.options.texts.generating);
    const earlierTurns = this.turns.slice(0, this.turns.indexOf(turn));
    try {
      const response = await streamChat({
        apiBase: this.options.apiBase,
        apiKey: this.options.apiKey,
        messages: toChatMessages(earlierTurns, turn.question),
        signal: controller.signal,
        onCitations: (citations) => {
          turn.citations = citations;
        },
        onDelta: (text) => {
          turn.answerText += text;
          this.renderTurn(turn);
        },
        onRestart: () => {
          turn.answerText = "";
          this.renderTurn(turn);
        },
      });
      Object.assign(turn, { state: "done", response, answerText: response.answer, citations: response.citations });
      this.announce(this.options.texts.answerReady);
    } catch (error) {
      this.recordFailure(turn, error, controller.signal.aborted);
    } finally {
      if (this.activeRequest === controller) {
        this.activeRequest = undefined;
        this.setStreamingControls(false);
      }
      this.commit(turn);
    }
  }

  private recordFailure(turn: ConversationTurn, error: unknown, aborted: boolean): void {
    if (aborted) {
      turn.state = "stopped";
      this.announce(this.options.texts.stopped);
      return;
    }
    const requestError = error instanceof ChatRequestError ? error : new ChatRequestError("network", String(error));
    turn.state = "failed";
    turn.failure = {
      kind: requestError.kind,
      message: requestError.message,
      retryAfterSeconds: requestError.retryAfterSeconds,
    };
  }

  private retry(turn: ConversationTurn): void {
    this.stop();
    Object.assign(turn, { state: "streaming", answerText: "", citations: [], response: undefined, failure: undefined });
    this.renderTurn(turn);
    void this.runTurn(turn);
  }

  private commit(turn: ConversationTurn): void {
    if (this.turns.includes(turn)) this.renderTurn(turn);
    this.storage.save(this.turns);
    this.options.onTurnsChange?.(this.turns);
  }

  private setStreamingControls(streaming: boolean): void {
    // The button that had focus is about to be hidden: keep focus in the conversation, on the question field.
    const hiddenButtonHadFocus = (streaming ? this.sendButton : this.stopButton).matches(":focus");
    this.stopButton.hidden = !streaming;
    this.sendButton.hidden = streaming;
    if (hiddenButtonHadFocus) this.input.focus();
  }

  private announce(message: string): void {
    this.status.textContent = message;
  }

  private renderAllTurns(): void {
    this.turnElements.clear();
    this.log.replaceChildren();
    if (this.turns.length === 0 && this.options.emptyState) this.log.append(this.options.emptyState);
    for (const turn of this.turns) {
      const element = createElement("div", { className: "rc-turn" });
      this.turnElements.set(turn, element);
      this.log.append(element);
      this.renderTurn(turn);
    }
    this.options.onTurnsChange?.(this.turns);
  }

  private renderTurn(turn: ConversationTurn): void {
    const element = this.turnElements.get(turn);
    if (!element) return;
    const texts = this.options.texts;
    const question = createElement("div", { className: "rc-message rc-message-user" }, [
      createElement("span", { className: "rc-visually-hidden", text: `${texts.you}: ` }),
      createElement("p", { text: turn.question }),
    ]);
    element.replaceChildren(question, this.renderAnswer(turn));
    if (turn.state === "streaming") this.scrollToEnd();
  }

  private renderAnswer(turn: ConversationTurn): HTMLElement {
    const texts = this.options.texts;
    const notFound = turn.response?.found === false;
    const answer = createElement("article", {
      className: `rc-message rc-message-assistant rc-state-${turn.state}${notFound ? " rc-not-found" : ""}`,
      attributes: { "aria-busy": String(turn.state === "streaming") },
    });
    answer.append(createElement("span", { className: "rc-visually-hidden", text: `${texts.assistant}: ` }));
    if (notFound) answer.append(createElement("p", { className: "rc-not-found-label", text: texts.notFoundLabel }));
    const body = createElement("div", { className: "rc-answer-text" });
    const citationIds = new Set(turn.citations.map((citation) => citation.id));
    body.append(
      renderAnswerText(turn.answerText, citationIds, texts, (id, marker) => this.openPassage(turn, id, marker)),
    );
    answer.append(body);
    if (turn.state === "streaming" && !turn.answerText) {
      answer.append(createElement("p", { className: "rc-typing", text: texts.generating }));
    }
    answer.append(...this.renderAnswerExtras(turn));
    return answer;
  }

  private renderAnswerExtras(turn: ConversationTurn): HTMLElement[] {
    const texts = this.options.texts;
    const extras: HTMLElement[] = [];
    const response = turn.response;
    if (response?.notice)
      extras.push(createElement("p", { className: "rc-notice", text: `${texts.notice}: ${response.notice}` }));
    if (response?.table) {
      extras.push(renderAnswerTable(response.table, texts));
      if (response.table.chart) extras.push(renderAnswerChart(response.table.chart, response.table.caption, texts));
    }
    if (turn.state !== "streaming" && turn.citations.length > 0 && response?.found !== false)
      extras.push(this.renderSources(turn));
    if (turn.state === "stopped") extras.push(createElement("p", { className: "rc-stopped", text: texts.stopped }));
    if (turn.state === "done" || (turn.state === "stopped" && turn.answerText)) extras.push(this.renderActions(turn));
    if (turn.state === "failed") extras.push(this.renderFailure(turn));
    return extras;
  }

  private renderSources(turn: ConversationTurn): HTMLElement {
    const texts = this.options.texts;
    const items = turn.citations.map((citation) => {
      const lastSection = citation.section.split(" > ").pop() ?? citation.section;
      const button = createButton(`[${citation.id}] ${citation.label ?? lastSection}`, {
        className: "rc-source",
        attributes: {
          "aria-label": `${texts.openCitation(citation.id)}: ${citation.section}`,
          "data-citation": String(citation.id),
        },
      });
      button.addEventListener("click", () => this.openPassage(turn, citation.id, button));
      return createElement("li", {}, [button]);
    });
    return createElement("div", { className: "rc-sources" }, [
      createElement("p", { className: "rc-sources-label", text: texts.sources }),
      createElement("ul", {}, items),
    ]);
  }

  private renderActions(turn: ConversationTurn): HTMLElement {
    const texts = this.options.texts;
    const copyButton = createButton(texts.copy, { className: "rc-copy" });
    copyButton.addEventListener("click", async () => {
      const copied = await copyText(formatAnswerForCopy(turn, texts), this.element);
      copyButton.textContent = copied ? texts.copied : texts.copyFailed;
      this.announce(copyButton.textContent);
      window.setTimeout(() => (copyButton.textContent = texts.copy), 2000);
    });
    return createElement("div", { className: "rc-actions" }, [copyButton]);
  }

  private renderFailure(turn: ConversationTurn): HTMLElement {
    const texts = this.options.texts;
    const failure = turn.failure;
    const message =
      failure?.kind === "rate_limited"
        ? texts.errorRateLimited(failure.retryAfterSeconds)
        : failure?.kind === "rejected"
          ? texts.errorRejected(failure.message)
          : failure?.kind === "server"
            ? texts.errorServer
            : texts.errorNetwork;
    const retryButton = createButton(texts.retry, { className: "rc-retry" }, () => this.retry(turn));
    return createElement("div", { className: "rc-error", attributes: { role: "alert" } }, [
      createElement("p", { text: message }),
      retryButton,
    ]);
  }

  private openPassage(turn: ConversationTurn, citationId: number, trigger: HTMLElement): void {
    const citation = turn.citations.find((candidate) => candidate.id === citationId);
    if (!citation) return;
    this.options.onOpenPassage({
      citation,
      answerCitations: turn.citations,
      figures: turn.response?.figures ?? [],
      trigger,
    });
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
