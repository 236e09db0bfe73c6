/** The chat bubble and its panel, rendered in a shadow root so the host page's styles and scripts stay apart. */

import { textColourOn } from "../components/accent-contrast.js";
import { fetchWithAuth, staticKeyAuth } from "../components/api-auth.js";
import { ChatView, type PassageRequest } from "../components/chat-view.js";
import componentsCss from "../components/components.css";
import { createButton, createElement, createSvgElement } from "../components/dom.js";
import { renderExampleQuestions } from "../components/example-questions-view.js";
import { renderPassage, revealPassage } from "../components/passage-view.js";
import { getUiTexts, type UiTexts } from "../components/ui-texts.js";
import type { ReportIdentity } from "../report-identity.js";
import { findFocusableElements, trapTabKey } from "./focus-trap.js";
import widgetCss from "./widget.css";
import type { WidgetOptions } from "./widget-options.js";

/** What `window.ReportChat` exposes. */
export interface HelpWidgetControls {
  open(): void;
  close(): void;
  ask(text: string): void;
}

/** When the panel fills the screen (as in widget.css): then, and only then, it is modal. */
const fullScreenQuery = "(max-width: 480px), (max-height: 480px)";

/** Creates the widget at the end of `document.body`. */
export function mountHelpWidget(options: WidgetOptions): HelpWidgetControls {
  return new HelpWidget(options);
}

class HelpWidget implements HelpWidgetControls {
  private readonly texts: UiTexts;
  private readonly host: HTMLElement;
  private readonly root: ShadowRoot;
  private readonly bubble: HTMLButtonElement;
  private readonly panel: HTMLElement;
  private readonly drawer: HTMLElement;
  private readonly drawerContent: HTMLElement;
  private readonly chat: ChatView;
  /** Holds the report's example questions once its identity has arrived. */
  private readonly examples = createElement("div", { className: "rc-examples-slot" });
  private readonly title: HTMLElement;
  /** Whether the identity has arrived (`true`) or is on its way (`"loading"`). */
  private identityState: boolean | "loading" = false;
  private returnFocusTo?: HTMLElement;
  private passageTrigger?: HTMLElement;
  private readonly fullScreen = window.matchMedia(fullScreenQuery);

  constructor(private readonly options: WidgetOptions) {
    this.texts = getUiTexts(options.language);
    this.host = createElement("div", {
      attributes: { "data-report-chat": "", "data-position": options.position, "data-theme": options.theme },
    });
    this.root = this.host.attachShadow({ mode: "open" });
    applyStyles(this.root, `${componentsCss}\n${widgetCss}`);
    this.chat = new ChatView({
      apiBase: options.apiBase,
      auth: staticKeyAuth(options.apiKey),
      texts: this.texts,
      storageKey: `report-chat:widget:${options.apiBase}`,
      placeholder: options.placeholder,
      emptyState: this.examples,
      onOpenPassage: (request) => this.showPassage(request),
      // The drawer would hide the new answer: it closes, and the reader opens the new passages from there.
      onQuestionSent: () => this.closePassage({ returnFocus: false }),
    });
    this.title = createElement("h2", {
      className: "rc-title",
      text: options.title ?? this.texts.title,
      attributes: { id: "rc-title" },
    });
    this.bubble = this.createBubble();
    this.drawerContent = createElement("div", { className: "rc-drawer-content" });
    this.drawer = this.createDrawer();
    this.panel = this.createPanel();
    this.root.append(this.bubble, this.panel);
    document.body.append(this.host);
    if (options.accent) {
      this.host.style.setProperty("--rc-accent", options.accent);
      this.host.style.setProperty("--rc-on-accent", textColourOn(options.accent, document.body));
    }
    document.addEventListener("focusin", (event) => this.keepFocusInside(event));
    document.addEventListener("keydown", (event) => {
      // Escape with focus lost to the page body (e.g. a removed button) still closes the panel.
      if (event.key === "Escape" && event.target === document.body) this.close();
    });
    this.fullScreen.addEventListener("change", () => this.updateModality());
    // On a phone the open panel would cover the whole page: `data-open` leaves it to the reader there.
    if (options.startOpen && !this.fullScreen.matches) this.open({ moveFocus: false });
    void this.loadIdentity();
  }

  /**
   * The report's name, placeholder and example questions from `GET /api/report` (the host's
   * `data-title` and `data-placeholder` win). Without them the widget speaks of "the report";
   * a failed load is tried again when the panel opens.
   */
  private async loadIdentity(): Promise<void> {
    if (this.identityState !== false) return;
    this.identityState = "loading";
    try {
      const response = await fetchWithAuth(staticKeyAuth(this.options.apiKey), `${this.options.apiBase}/api/report`, {
        headers: { Accept: "application/json" },
      });
      if (!response.ok) {
        this.identityState = false;
        return;
      }
      const identity = (await response.json()) as ReportIdentity;
      this.identityState = true;
      const own = identity[this.options.language];
      if (!this.options.title) this.title.textContent = own.shortTitle;
      if (!this.options.placeholder)
        this.chat.element.querySelector(".rc-input")?.setAttribute("placeholder", own.placeholder);
      this.examples.replaceChildren(
        renderExampleQuestions(this.texts, this.options.language, identity.examples, (question) =>
          this.chat.ask(question),
        ),
      );
    } catch {
      // The widget works without its report's names: it is tried again on opening.
      this.identityState = false;
    }
  }

  /** Non-modal beside the host page; modal only while it fills the screen. */
  private updateModality(): void {
    if (this.fullScreen.matches) this.panel.setAttribute("aria-modal", "true");
    else this.panel.removeAttribute("aria-modal");
  }

  open(settings: { moveFocus?: boolean } = {}): void {
    if (!this.panel.hidden) return;
    void this.loadIdentity();
    const active = this.root.activeElement ?? document.activeElement;
    this.returnFocusTo = active instanceof HTMLElement && active !== document.body ? active : this.bubble;
    this.panel.hidden = false;
    this.updateModality();
    this.host.setAttribute("data-open", "");
    this.bubble.setAttribute("aria-expanded", "true");
    if (settings.moveFocus !== false) this.chat.focusInput();
  }

  close(): void {
    if (this.panel.hidden) return;
    this.closePassage({ returnFocus: false });
    this.panel.hidden = true;
    this.host.removeAttribute("data-open");
    this.bubble.setAttribute("aria-expanded", "false");
    const target = this.returnFocusTo?.isConnected ? this.returnFocusTo : this.bubble;
    target.focus();
  }

  ask(text: string): void {
    this.open();
    this.chat.ask(text);
  }

  private createBubble(): HTMLButtonElement {
    const icon = createSvgElement(
      "svg",
      { viewBox: "0 0 24 24", width: 28, height: 28, "aria-hidden": "true", focusable: "false" },
      [
        createSvgElement("path", {
          d:
            "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6a1.25 1.25 0 1 " +
            "0 0 2.5A1.25 1.25 0 0 0 7 10zm5 0a1.25 1.25 0 1 0 0 2.5 1.25 1.25 0 0 0 0-2.5zm5 0a1.25 1.25 0 1 " +
            "0 0 2.5 1.25 1.25 0 0 0 0-2.5z",
          fill: "currentColor",
        }),
      ],
    );
    const bubble = createElement(
      "button",
      {
        className: "rc-bubble",
        attributes: {
          type: "button",
          "aria-label": this.texts.openChat,
          "aria-expanded": "false",
          "aria-controls": "rc-panel",
        },
      },
      [icon],
    );
    bubble.addEventListener("click", () => (this.panel.hidden ? this.open() : this.close()));
    return bubble;
  }

  private createPanel(): HTMLElement {
    const panel = createElement("div", {
      className: "rc-panel",
      attributes: {
        id: "rc-panel",
        role: "dialog",
        "aria-labelledby": "rc-title",
        lang: this.options.language === "zh" ? "zh-CN" : "en",
      },
    });
    panel.hidden = true;
    const header = createElement("div", { className: "rc-header" }, [
      this.title,
      createButton(this.texts.newConversation, { className: "rc-secondary rc-new" }, () => {
        this.closePassage({ returnFocus: false });
        this.chat.reset();
      }),
      createButton("×", { className: "rc-close", attributes: { "aria-label": this.texts.closeChat } }, () =>
        this.close(),
      ),
    ]);
    this.chat.insertAboveComposer(this.drawer);
    panel.append(header, this.chat.element);
    panel.addEventListener("keydown", (event) => this.handleKeydown(event));
    return panel;
  }

  private createDrawer(): HTMLElement {
    const drawer = createElement(
      "section",
      { className: "rc-drawer", attributes: { "aria-label": this.texts.passage } },
      [
        createButton(
          "×",
          { className: "rc-close rc-drawer-close", attributes: { "aria-label": this.texts.closePassage } },
          () => this.closePassage({ returnFocus: true }),
        ),
        this.drawerContent,
      ],
    );
    drawer.hidden = true;
    return drawer;
  }

  private showPassage(request: PassageRequest): void {
    this.passageTrigger = request.trigger;
    const passage = renderPassage(request.citation, request.figures, this.texts, this.options.apiBase);
    this.drawerContent.replaceChildren(passage);
    this.drawer.hidden = false;
    this.drawerContent.scrollTop = 0;
    revealPassage(passage, this.drawerContent);
    passage.querySelector<HTMLElement>(".rc-passage-heading")?.focus({ preventScroll: true });
  }

  private closePassage(settings: { returnFocus: boolean }): void {
    if (this.drawer.hidden) return;
    this.drawer.hidden = true;
    this.drawerContent.replaceChildren();
    if (settings.returnFocus) {
      if (this.passageTrigger?.isConnected) this.passageTrigger.focus();
      else this.chat.focusInput();
    }
  }

  private handleKeydown(event: KeyboardEvent): void {
    if (event.key === "Escape") {
      event.preventDefault();
      const active = this.root.activeElement;
      if (!this.drawer.hidden && active && this.drawer.contains(active)) this.closePassage({ returnFocus: true });
      else this.close();
      return;
    }
    if (this.fullScreen.matches) trapTabKey(event, this.panel, this.root);
  }

  /**
   * Full screen, the panel is modal: focus that wanders to the host page is brought back. Beside the page, it is not.
   */
  private keepFocusInside(event: FocusEvent): void {
    if (this.panel.hidden || !this.fullScreen.matches || event.target === this.host) return;
    if (event.target instanceof Node && this.host.contains(event.target)) return;
    findFocusableElements(this.panel)[0]?.focus();
  }
}

function applyStyles(root: ShadowRoot, cssText: string): void {
  if ("adoptedStyleSheets" in root && typeof CSSStyleSheet.prototype.replaceSync === "function") {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(cssText);
    root.adoptedStyleSheets = [sheet];
    return;
  }
  // Browsers without constructable stylesheets: a <style> element (a strict host CSP may refuse it).
  root.append(createElement("style", { text: cssText }));
}
