/** The conversation component shared by the widget and the chat page: message log, composer, streaming. */
import type { Citation } from "../../types.js";
import { renderAnswerChart } from "./answer-chart-view.js";
import { renderAnswerTable } from "./answer-table-view.js";
import { renderAnswerText } from "./answer-text.js";
import type { ApiAuth } from "./api-auth.js";
import { streamChat } from "./chat-client.js";
import { ChatRequestError } from "./chat-request-error.js";
import { ConversationStorage, type ConversationTurn, toChatMessages } from "./conversation.js";
import { copyText, formatAnswerForCopy } from "./copy-answer.js";
import { createButton, createElement } from "./dom.js";
import { sendFeedback } from "./feedback-client.js";
import { renderFeedback } from "./feedback-view.js";
import { type CheckedFigure, figureNotesOf } from "./figure-status.js";
import { closestSectionsOf, suggestedQuestionsOf } from "./follow-up-suggestions.js";
import { controlLabelRuns } from "./language-runs.js";
import type { UiTexts } from "./ui-texts.js";

/** What the container needs to show a passage the reader asked for. */
export interface PassageRequest {
  citation: Citation;
  /** Every passage the same answer cites. */
  answerCitations: Citation[];
  /** Every figure of the answer; the passage view keeps the verified ones of this citation. */
  figures: CheckedFigure[];
  /** The control that asked, to return focus to. */
  trigger: HTMLElement;
}

export interface ChatViewOptions {
  /** Origin of the API; empty for the page's own origin. */
  apiBase: string;
  /** The credential sent with each request. */
  auth: ApiAuth;
  texts: UiTexts;
  /** localStorage key of the conversation. */
  storageKey: string;
  /** Placeholder of the question field. @default texts.placeholder */
  placeholder?: string;
  /** Shown in the log while the conversation is empty (e.g. example questions). */
  emptyState?: HTMLElement;
  onOpenPassage: (request: PassageRequest) => void;
  /** Called after every change to the turns (the page keeps its side panel in step). */
  onTurnsChange?: (turns: readonly ConversationTurn[]) => void;
  /** Called as a question is sent, asked anew or regenerated (the widget closes an earlier answer's passage). */
  onQuestionSent?: () => void;
}

/** Longest question the API accepts; the counter shows from `counterFrom` characters on. */
export const QUESTION_LIMIT = 2000;
const counterFrom = 1800;

/** A live conversation with the report; `element` is placed by the widget or the page. */
export class ChatView {
  readonly element: HTMLElement;
  private readonly options: ChatViewOptions;
  private readonly texts: UiTexts;
  private readonly storage: ConversationStorage;
  private readonly log: HTMLElement;
  private readonly status: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly counter: HTMLElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly stopButton: HTMLButtonElement;
  private readonly composer: HTMLFormElement;
  /** Each turn's element and its answer element, which alone is re-rendered as the answer arrives. */
  private readonly turnViews = new Map<ConversationTurn, { element: HTMLElement; answer: HTMLElement }>();
  private turns: ConversationTurn[];
  private activeRequest?: AbortController;
  /** While a 429's Retry-After runs: when it ends (ms since the epoch). */
  private cooldownUntil = 0;
  private cooldownTimer?: number;

  constructor(options: ChatViewOptions) {
    this.options = options;
    this.texts = options.texts;
    this.storage = new ConversationStorage(options.storageKey);
    this.turns = this.storage.load();
    const texts = this.texts;
    this.log = createElement("div", {
      className: "rc-log",
      attributes: { role: "log", "aria-live": "polite", "aria-label": texts.conversationLabel, tabindex: "-1" },
    });
    this.status = createElement("div", { className: "rc-visually-hidden", attributes: { role: "status" } });
    const counterId = `rc-counter-${Math.random().toString(36).slice(2, 8)}`;
    this.counter = createElement("span", { className: "rc-counter", attributes: { id: counterId } });
    this.counter.hidden = true;
    this.input = createElement("textarea", {
      className: "rc-input",
      attributes: {
        rows: "1",
        placeholder: options.placeholder ?? texts.placeholder,
        "aria-label": texts.inputLabel,
        "aria-describedby": counterId,
        maxlength: String(QUESTION_LIMIT),
        enterkeyhint: "send",
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
    window.addEventListener("storage", (event) => {
      // Another tab of the site changed the conversation: show it, unless an answer is arriving here.
      if (!this.storage.isAbout(event) || this.isStreaming) return;
      this.turns = this.storage.load();
      this.renderAllTurns();
    });
  }

  /** Sends a question; an answer still streaming is stopped first. */
  ask(question: string): void {
    const trimmed = question.trim().slice(0, QUESTION_LIMIT);
    if (!trimmed || this.coolingDown) return;
    this.stop();
    const turn: ConversationTurn = { question: trimmed, state: "streaming", answerText: "", citations: [] };
    this.turns.push(turn);
    this.appendTurn(turn);
    this.options.onQuestionSent?.();
    void this.runTurn(turn);
  }

  /** Stops the answer being generated, keeping what has arrived. */
  stop(): void {
    this.activeRequest?.abort();
  }

  /** Forgets the conversation, here, in localStorage and so in the site's other tabs. */
  reset(): void {
    this.stop();
    this.turns = [];
    this.storage.clear();
    this.renderAllTurns();
    this.setInput("");
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

  private get coolingDown(): boolean {
    return this.cooldownUntil > Date.now();
  }

  private createComposer(): HTMLFormElement {
    const form = createElement("form", { className: "rc-composer" }, [
      this.input,
      this.sendButton,
      this.stopButton,
      this.counter,
    ]);
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
    this.input.addEventListener("input", () => this.updateCounter());
    return form;
  }

  private setInput(text: string): void {
    this.input.value = text;
    this.updateCounter();
  }

  private updateCounter(): void {
    const length = this.input.value.length;
    this.counter.hidden = length < counterFrom;
    this.counter.textContent = this.texts.characterCount(length, QUESTION_LIMIT);
    this.counter.classList.toggle("rc-counter-full", length >= QUESTION_LIMIT);
  }

  private submitInput(): void {
    const question = this.input.value;
    if (!question.trim() || this.coolingDown) return;
    this.setInput("");
    this.ask(question);
  }

  private async runTurn(turn: ConversationTurn): Promise<void> {
    const controller = new AbortController();
    this.activeRequest = controller;
    this.setStreamingControls(true);
    this.announce(this.texts.generating);
    const earlierTurns = this.turns.slice(0, this.turns.indexOf(turn));
    try {
      const response = await streamChat({
        apiBase: this.options.apiBase,
        auth: this.options.auth,
        messages: toChatMessages(earlierTurns, turn.question),
        signal: controller.signal,
        onCitations: (citations) => {
          turn.citations = citations;
        },
        onDelta: (text) => {
          turn.answerText += text;
          this.renderAnswer(turn);
        },
        onRestart: () => {
          turn.answerText = "";
          this.renderAnswer(turn);
        },
      });
      Object.assign(turn, { state: "done", response, answerText: response.answer, citations: response.citations });
      this.announce(this.texts.answerReady);
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
      // The question is put back, ready to send again or to change.
      if (!this.input.value.trim() && this.turns[this.turns.length - 1] === turn) this.setInput(turn.question);
      this.announce(this.texts.stopped);
      return;
    }
    const requestError = error instanceof ChatRequestError ? error : new ChatRequestError("network", String(error));
    // A stream cut before anything arrived is a connection problem; after, an interruption.
    const kind = requestError.kind === "interrupted" && !turn.answerText ? "network" : requestError.kind;
    turn.state = "failed";
    turn.failure = { kind, message: requestError.message, retryAfterSeconds: requestError.retryAfterSeconds };
    if (kind === "rate_limited") this.startCooldown(requestError.retryAfterSeconds ?? 10);
  }

  private retry(turn: ConversationTurn): void {
    if (this.coolingDown) return;
    this.stop();
    if (this.input.value.trim() === turn.question) this.setInput("");
    Object.assign(turn, {
      state: "streaming",
      answerText: "",
      citations: [],
      response: undefined,
      failure: undefined,
      feedback: undefined,
    });
    this.renderAnswer(turn);
    this.options.onQuestionSent?.();
    void this.runTurn(turn);
  }

  /** Takes the last question back into the field, removing it and its answer. */
  private editLast(turn: ConversationTurn): void {
    this.stop();
    this.turns = this.turns.filter((candidate) => candidate !== turn);
    this.turnViews.get(turn)?.element.remove();
    this.turnViews.delete(turn);
    if (this.turns.length === 0) this.renderAllTurns();
    this.storage.save(this.turns);
    this.options.onTurnsChange?.(this.turns);
    this.setInput(turn.question);
    this.focusInput();
    this.input.setSelectionRange(turn.question.length, turn.question.length);
  }

  private startCooldown(seconds: number): void {
    this.cooldownUntil = Date.now() + seconds * 1000;
    window.clearInterval(this.cooldownTimer);
    const tick = () => {
      const remaining = Math.max(0, Math.ceil((this.cooldownUntil - Date.now()) / 1000));
      for (const element of this.log.querySelectorAll<HTMLElement>(".rc-countdown")) {
        element.textContent = this.texts.errorRateLimited(remaining || undefined);
      }
      const waiting = remaining > 0;
      this.sendButton.disabled = waiting;
      for (const button of this.log.querySelectorAll<HTMLButtonElement>(".rc-retry")) button.disabled = waiting;
      if (!waiting) {
        window.clearInterval(this.cooldownTimer);
        this.cooldownTimer = undefined;
      }
    };
    this.cooldownTimer = window.setInterval(tick, 1000);
    queueMicrotask(tick);
  }

  private commit(turn: ConversationTurn): void {
    if (this.turns.includes(turn)) this.renderAnswer(turn);
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
    this.turnViews.clear();
    this.log.replaceChildren();
    if (this.turns.length === 0 && this.options.emptyState) this.log.append(this.options.emptyState);
    for (const turn of this.turns) this.appendTurn(turn, { notify: false });
    this.options.onTurnsChange?.(this.turns);
  }

  /**
   * Adds a turn at the end of the log. Earlier turns keep their nodes (a screen reader does not read
   * them again); only the tools meant for the latest answer are hidden on them.
   */
  private appendTurn(turn: ConversationTurn, settings: { notify?: boolean } = {}): void {
    this.options.emptyState?.remove();
    for (const tool of this.log.querySelectorAll<HTMLElement>(".rc-latest-only")) tool.hidden = true;
    const question = createElement("div", { className: "rc-message rc-message-user" }, [
      createElement("span", { className: "rc-visually-hidden", text: `${this.texts.you}: ` }),
      createElement("p", { text: turn.question }),
    ]);
    const answer = this.buildAnswer(turn);
    const element = createElement("div", { className: "rc-turn" }, [question, answer]);
    this.turnViews.set(turn, { element, answer });
    this.log.append(element);
    this.scrollToEnd();
    if (settings.notify !== false) this.options.onTurnsChange?.(this.turns);
  }

  private renderAnswer(turn: ConversationTurn): void {
    const view = this.turnViews.get(turn);
    if (!view) return;
    const answer = this.buildAnswer(turn);
    view.answer.replaceWith(answer);
    view.answer = answer;
    if (this.isLatest(turn)) this.scrollToEnd(view.element);
  }

  private isLatest(turn: ConversationTurn): boolean {
    return this.turns[this.turns.length - 1] === turn;
  }

  private buildAnswer(turn: ConversationTurn): HTMLElement {
    const texts = this.texts;
    const notFound = turn.response?.found === false;
    const answer = createElement("article", {
      className: `rc-message rc-message-assistant rc-state-${turn.state}${notFound ? " rc-not-found" : ""}`,
      attributes: { "aria-busy": String(turn.state === "streaming") },
    });
    answer.append(createElement("span", { className: "rc-visually-hidden", text: `${texts.assistant}: ` }));
    const resolved = turn.response?.resolvedQuery?.trim();
    if (resolved && normalise(resolved) !== normalise(turn.question) && this.turns.indexOf(turn) > 0) {
      answer.append(createElement("p", { className: "rc-understood", text: texts.understoodAs(resolved) }));
    }
    if (notFound) answer.append(createElement("p", { className: "rc-not-found-label", text: texts.notFoundLabel }));
    const body = createElement("div", { className: "rc-answer-text" });
    body.append(
      renderAnswerText(turn.answerText, {
        citationIds: new Set(turn.citations.map((citation) => citation.id)),
        texts,
        onMarker: (id, marker) => this.openPassage(turn, id, marker),
        figureNotes: figureNotesOf(turn.response),
      }),
    );
    answer.append(body);
    if (turn.state === "streaming" && !turn.answerText) {
      answer.append(createElement("p", { className: "rc-typing", text: texts.generating }));
    }
    answer.append(...this.buildAnswerExtras(turn));
    return answer;
  }

  private buildAnswerExtras(turn: ConversationTurn): HTMLElement[] {
    const texts = this.texts;
    const extras: HTMLElement[] = [];
    const response = turn.response;
    const unchecked = figureNotesOf(response).filter((note) => note.status === "unverified").length;
    if (unchecked > 0)
      extras.push(createElement("p", { className: "rc-figure-legend", text: `? ${texts.unverifiedFigure}` }));
    if (response?.notice)
      extras.push(createElement("p", { className: "rc-notice", text: `${texts.notice}: ${response.notice}` }));
    if (response?.table) {
      extras.push(renderAnswerTable(response.table, texts));
      const chart = response.table.chart && renderAnswerChart(response.table.chart, response.table.caption, texts);
      if (chart) extras.push(chart);
    }
    if (turn.state !== "streaming" && turn.citations.length > 0 && response?.found !== false)
      extras.push(this.buildSources(turn));
    if (response?.found === false) {
      const closest = this.buildClosestSections(turn);
      if (closest) extras.push(closest);
    }
    if (turn.state === "stopped") extras.push(this.buildStopped(turn));
    if (turn.state === "failed") extras.push(this.buildFailure(turn));
    if (turn.state === "done" || (turn.state === "stopped" && turn.answerText)) extras.push(this.buildActions(turn));
    if (turn.state === "done" && response?.found !== false) {
      const suggestions = this.buildSuggestions(turn);
      if (suggestions) extras.push(suggestions);
    }
    return extras;
  }

  private buildSources(turn: ConversationTurn): HTMLElement {
    const texts = this.texts;
    const items = turn.citations.map((citation) => {
      const lastSection = citation.section.split(" > ").pop() ?? citation.section;
      const visible = `[${citation.id}] ${texts.sourceLabel(citation.label ?? lastSection)}`;
      const button = createButton(visible, {
        className: "rc-source",
        attributes: {
          // The accessible name starts with the visible text, then says where the passage is.
          "aria-label": `${visible} — ${citation.section}`,
          "data-citation": String(citation.id),
        },
      });
      button.replaceChildren(...controlLabelRuns(visible, texts.language));
      button.addEventListener("click", () => this.openPassage(turn, citation.id, button));
      return createElement("li", {}, [button]);
    });
    return createElement("div", { className: "rc-sources" }, [
      createElement("p", { className: "rc-sources-label", text: texts.sources }),
      createElement("ul", {}, items),
    ]);
  }

  /** The sections a not-found answer names as closest, each a question about it. */
  private buildClosestSections(turn: ConversationTurn): HTMLElement | undefined {
    const sections = closestSectionsOf(turn.answerText);
    if (sections.length === 0) return undefined;
    const texts = this.texts;
    return createElement("div", { className: "rc-closest" }, [
      createElement("p", { className: "rc-sources-label", text: texts.closestSectionsLabel }),
      createElement(
        "ul",
        {},
        sections.map((section) =>
          createElement("li", {}, [
            this.createQuestionButton(section, "rc-link-button", texts.askAboutSection(section)),
          ]),
        ),
      ),
    ]);
  }

  /** A button showing `label` that asks `question`, the report's Chinese in it marked as such. */
  private createQuestionButton(label: string, className: string, question: string): HTMLButtonElement {
    const button = createButton(label, { className }, () => this.ask(question));
    button.replaceChildren(...controlLabelRuns(label, this.texts.language));
    return button;
  }

  private buildStopped(turn: ConversationTurn): HTMLElement {
    const retry = createButton(this.texts.retry, { className: "rc-retry" }, () => this.retry(turn));
    return createElement("div", { className: "rc-stopped" }, [createElement("p", { text: this.texts.stopped }), retry]);
  }

  private buildActions(turn: ConversationTurn): HTMLElement {
    const texts = this.texts;
    const actions = createElement("div", { className: "rc-actions" });
    actions.append(this.buildFeedback(turn));
    if (turn.response?.found !== false && turn.citations.length > 0) {
      const copyButton = createButton(texts.copy, { className: "rc-copy" });
      copyButton.addEventListener("click", async () => {
        const copied = await copyText(formatAnswerForCopy(turn, texts), this.element);
        copyButton.textContent = copied ? texts.copied : texts.copyFailed;
        this.announce(copyButton.textContent);
        window.setTimeout(() => (copyButton.textContent = texts.copy), 2000);
      });
      actions.append(copyButton);
    }
    if (this.isLatest(turn)) {
      actions.append(
        createButton(texts.regenerate, { className: "rc-regenerate rc-latest-only" }, () => this.retry(turn)),
        createButton(texts.editQuestion, { className: "rc-edit rc-latest-only" }, () => this.editLast(turn)),
      );
    }
    return actions;
  }

  private buildFeedback(turn: ConversationTurn): HTMLElement {
    return renderFeedback({
      texts: this.texts,
      given: turn.feedback,
      send: (rating, comment) =>
        sendFeedback(this.options.apiBase, this.options.auth, {
          rating,
          question: turn.question,
          answer: turn.answerText,
          comment,
        }),
      onChange: (rating) => {
        turn.feedback = rating;
        this.storage.save(this.turns);
      },
      announce: (message) => this.announce(message),
    });
  }

  private buildSuggestions(turn: ConversationTurn): HTMLElement | undefined {
    if (!this.isLatest(turn)) return undefined;
    const questions = suggestedQuestionsOf(turn, this.texts);
    if (questions.length === 0) return undefined;
    return createElement("div", { className: "rc-suggestions rc-latest-only" }, [
      createElement("p", { className: "rc-sources-label", text: this.texts.suggestionsLabel }),
      createElement(
        "ul",
        {},
        questions.map((question) =>
          createElement("li", {}, [this.createQuestionButton(question, "rc-suggestion", question)]),
        ),
      ),
    ]);
  }

  private buildFailure(turn: ConversationTurn): HTMLElement {
    const texts = this.texts;
    const failure = turn.failure;
    const message =
      failure?.kind === "rate_limited"
        ? texts.errorRateLimited(failure.retryAfterSeconds)
        : failure?.kind === "rejected"
          ? texts.errorRejected(failure.message)
          : failure?.kind === "server"
            ? texts.errorServer
            : failure?.kind === "interrupted"
              ? texts.errorInterrupted
              : texts.errorNetwork;
    const retryButton = createButton(texts.retry, { className: "rc-retry" }, () => this.retry(turn));
    retryButton.disabled = this.coolingDown;
    const countdown = failure?.kind === "rate_limited";
    const text = createElement("p", {
      text: message,
      className: countdown ? "rc-countdown" : undefined,
      // The alert is read once as it appears; its seconds ticking down are not read out each second.
      attributes: countdown ? { "aria-live": "off" } : {},
    });
    return createElement("div", { className: "rc-error", attributes: { role: "alert" } }, [text, retryButton]);
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

  /** Scrolls to the end of the log, but never past the top of `keepInView` (the latest question stays visible). */
  private scrollToEnd(keepInView?: HTMLElement): void {
    let target = this.log.scrollHeight;
    if (keepInView) {
      const offset = keepInView.getBoundingClientRect().top - this.log.getBoundingClientRect().top;
      target = Math.min(target, this.log.scrollTop + offset - 8);
    }
    this.log.scrollTop = target;
  }
}

function normalise(text: string): string {
  return text.replace(/[\s？?。.!！]/gu, "").toLowerCase();
}
