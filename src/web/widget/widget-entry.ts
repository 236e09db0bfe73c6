/**
 * `widget.js`: one script that adds the report chat bubble to any page.
 * It defines no global but `window.ReportChat`, and builds everything with DOM APIs (no eval, no inline code).
 *
 * Calls made before the script has loaded are kept by the stub a host may define first, and run once
 * the widget is there: `window.ReportChat = window.ReportChat || function () {
 * (window.ReportChat.q = window.ReportChat.q || []).push(arguments); }; ReportChat("ask", "…");`
 */
import { type HelpWidgetControls, mountHelpWidget } from "./help-widget.js";
import { readWidgetOptions } from "./widget-options.js";

/** `ReportChat("open")`, `ReportChat("ask", text)` … and the same as methods. */
interface ReportChatApi extends HelpWidgetControls {
  (method: string, ...args: unknown[]): void;
  readonly version: string;
}

/** The host's stub: a function that queued its calls' arguments in `q`. */
interface QueueingStub {
  q?: ArrayLike<unknown>[];
  version?: undefined;
}

type WindowWithReportChat = Window & { ReportChat?: ReportChatApi | QueueingStub };

const widgetVersion = "1";

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // currentScript is null when the script runs as a module or from a callback.
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"], script[src*="/assets/widget-"]');
}

function installReportChat(): void {
  const host = window as WindowWithReportChat;
  if (host.ReportChat?.version) return;
  const stub = host.ReportChat as QueueingStub | undefined;
  const queued = Array.from(stub?.q ?? [], (args) => Array.from(args));
  const options = readWidgetOptions(findOwnScript());
  let controls: HelpWidgetControls | undefined;
  const pending: Array<(widget: HelpWidgetControls) => void> = [];
  const whenMounted = (action: (widget: HelpWidgetControls) => void): void => {
    if (controls) action(controls);
    else pending.push(action);
  };
  const methods: HelpWidgetControls = {
    open: () => whenMounted((widget) => widget.open()),
    close: () => whenMounted((widget) => widget.close()),
    ask: (text: string) => whenMounted((widget) => widget.ask(String(text))),
  };
  const call = (method: unknown, ...args: unknown[]): void => {
    if (method === "open") methods.open();
    else if (method === "close") methods.close();
    else if (method === "ask" && args.length > 0) methods.ask(String(args[0]));
  };
  host.ReportChat = Object.freeze(Object.assign(call, methods, { version: widgetVersion })) as ReportChatApi;
  for (const [method, ...args] of queued) call(method, ...args);
  const mount = (): void => {
    controls = mountHelpWidget(options);
    for (const action of pending.splice(0)) action(controls);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}

installReportChat();
