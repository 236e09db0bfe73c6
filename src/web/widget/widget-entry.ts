/**
 * `widget.js`: one script that adds the report chat bubble to any page.
 * It defines no global but `window.ReportChat`, and builds everything with DOM APIs (no eval, no inline code).
 */
import { type HelpWidgetControls, mountHelpWidget } from "./help-widget.js";
import { readWidgetOptions } from "./widget-options.js";

interface ReportChatApi extends HelpWidgetControls {
  readonly version: string;
}

type WindowWithReportChat = Window & { ReportChat?: ReportChatApi };

const widgetVersion = "1";

function findOwnScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // currentScript is null when the script runs as a module or from a callback.
  return document.querySelector<HTMLScriptElement>('script[src*="widget.js"], script[src*="/assets/widget-"]');
}

function installReportChat(): void {
  const host = window as WindowWithReportChat;
  if (host.ReportChat) return;
  const options = readWidgetOptions(findOwnScript());
  let controls: HelpWidgetControls | undefined;
  const pending: Array<(widget: HelpWidgetControls) => void> = [];
  const whenMounted = (action: (widget: HelpWidgetControls) => void): void => {
    if (controls) action(controls);
    else pending.push(action);
  };
  host.ReportChat = Object.freeze({
    version: widgetVersion,
    open: () => whenMounted((widget) => widget.open()),
    close: () => whenMounted((widget) => widget.close()),
    ask: (text: string) => whenMounted((widget) => widget.ask(String(text))),
  });
  const mount = (): void => {
    controls = mountHelpWidget(options);
    for (const action of pending.splice(0)) action(controls);
  };
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
}

installReportChat();
