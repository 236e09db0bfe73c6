/**
 * One Chromium for a test file, and a fresh browser context for each page a test opens, closed after the test.
 * Shared by the chat page and widget tests so that each test says only what it does with the page.
 */
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import type { ChatResponse } from "../../src/types.js";
import { seriousAxeViolations } from "./axe.js";
import { collectPageProblems, launchChromium, saveScreenshot } from "./browser.js";

export const desktop = { width: 1280, height: 800 };
export const phone = { width: 390, height: 844 };

export interface PageOptions {
  /** @default desktop */
  viewport?: { width: number; height: number };
  /** @default "light" */
  colorScheme?: "light" | "dark";
  /** The browser's locale, e.g. `de-DE`. */
  locale?: string;
  deviceScaleFactor?: number;
  /**
   * Keep the page's Content-Security-Policy in force, to prove the page or widget needs nothing it forbids.
   * axe is injected as code, which such a policy refuses: `captureState` then cannot run.
   * @default false
   */
  enforceCsp?: boolean;
  /** Runs after the page is created and before it loads (init scripts, routes). */
  beforeLoad?: (page: Page) => Promise<unknown>;
  /** A selector to wait for once the page has loaded. */
  waitFor?: string;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions of the page (CSP refusals among them). */
  problems: string[];
}

export interface BrowserPages {
  /** Opens `url` in a context of its own. */
  open(url: string, options?: PageOptions): Promise<OpenedPage>;
  /** A context of its own, for tests that need several pages or permissions; closed after the test. */
  newContext(options?: PageOptions): Promise<BrowserContext>;
  /** Closes the contexts opened so far (each test's are closed after it anyway). */
  closeAll(): Promise<void>;
}

/** Launches Chromium before the file's tests and closes it after them. */
export function useBrowserPages(): BrowserPages {
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  const closeAll = async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
  };
  afterEach(closeAll);
  afterAll(async () => {
    await browser?.close();
  });
  const newContext = async (options: PageOptions = {}) => {
    if (!browser) throw new Error("the browser is launched in beforeAll");
    const context = await browser.newContext({
      viewport: options.viewport ?? desktop,
      colorScheme: options.colorScheme ?? "light",
      locale: options.locale,
      deviceScaleFactor: options.deviceScaleFactor,
      bypassCSP: !options.enforceCsp,
    });
    contexts.push(context);
    return context;
  };
  return {
    newContext,
    closeAll,
    open: async (url, options = {}) => {
      const context = await newContext(options);
      const page = await context.newPage();
      const problems = collectPageProblems(page);
      await options.beforeLoad?.(page);
      await page.goto(url);
      if (options.waitFor) await page.locator(options.waitFor).waitFor();
      return { page, context, problems };
    },
  };
}

/**
 * Answers every `POST /api/chat` of the page with `response` as one stream, as the server streams
 * it: the citations, the text, then the whole response; `headers` go with it (a CORS header, say).
 */
export async function answerWith(
  page: Page,
  response: () => ChatResponse,
  headers: Record<string, string> = {},
): Promise<void> {
  await page.route("**/api/chat", (route) => {
    const body = response();
    route.fulfill({
      status: 200,
      headers: { ...headers, "content-type": "text/event-stream" },
      body: [
        `event: citations\ndata: ${JSON.stringify({ citations: body.citations })}\n\n`,
        `event: delta\ndata: ${JSON.stringify({ text: body.answer })}\n\n`,
        `event: done\ndata: ${JSON.stringify(body)}\n\n`,
      ].join(""),
    });
  });
}

/**
 * A state the reader sees: no serious or critical axe violation in it, and a screenshot of it in
 * `tests/artifacts/<name>.png`.
 */
export async function captureState(page: Page, name: string): Promise<void> {
  await settleAnimations(page);
  expect(await seriousAxeViolations(page), `axe on ${name}`).toEqual([]);
  await saveScreenshot(page, name);
}

/**
 * Waits for running transitions and finite animations (a panel rising, a sheet sliding) to end, in
 * the page and in the shadow roots its elements hold (the widget's).
 */
function settleAnimations(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const shadowRoots = [...document.querySelectorAll("*")].flatMap((element) => element.shadowRoot ?? []);
    const finite = [document, ...shadowRoots]
      .flatMap((root) => root.getAnimations())
      .filter((animation) => animation.effect?.getComputedTiming().iterations !== Number.POSITIVE_INFINITY);
    await Promise.all(finite.map((animation) => animation.finished.catch(() => undefined)));
  });
}

/**
 * Buttons and links on screen that take a tap on less than 44 × 44 px, as their size and the start of their HTML.
 * Only those of the widget (inside its shadow root) with `widgetOnly`. A citation marker inside a sentence may look smaller:
 * its tap area, probed 21 px around its centre, must still be its own.
 */
export async function smallTapTargets(page: Page, widgetOnly = false): Promise<string[]> {
  await settleAnimations(page);
  return page.locator("button:visible, a:visible").evaluateAll(
    (elements, onlyInWidget) =>
      elements
        .filter((element) => !onlyInWidget || element.getRootNode() !== document)
        .filter((element) => {
          const box = element.getBoundingClientRect();
          const onScreen = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
          // Half a pixel of slack: sub-pixel layout gives 43.99 for a 44 px box.
          if (!onScreen || (box.width >= 43.5 && box.height >= 43.5)) return false;
          if (!element.classList.contains("rc-marker")) return true;
          const root = element.getRootNode() as Document | ShadowRoot;
          // Probes are taken inside the part of the scrolling log that shows (the header may cover the rest).
          const log = element.closest(".rc-log")?.getBoundingClientRect() ?? new DOMRect(0, 0, innerWidth, innerHeight);
          const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
          const probes = [
            [x, y - 21],
            [x, y + 21],
            [x - 21, y],
            [x + 21, y],
          ].filter(
            ([probeX, probeY]) => probeY > log.top && probeY < log.bottom && probeX > log.left && probeX < log.right,
          );
          // Two markers side by side share the area between them.
          return probes.some(([probeX, probeY]) => !root.elementFromPoint(probeX, probeY)?.closest(".rc-marker"));
        })
        .map((element) => {
          const box = element.getBoundingClientRect();
          return `${Math.round(box.width)}×${Math.round(box.height)} ${element.outerHTML.slice(0, 100)}`;
        }),
    widgetOnly,
  );
}

/** Text of `element` holding Chinese characters outside any element marked `lang="zh-CN"`. */
export function unmarkedChinese(element: Locator): Promise<string[]> {
  return element.evaluate((root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const found: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? "";
      if (/[\u3400-\u9fff]/u.test(text) && !node.parentElement?.closest('[lang="zh-CN"]')) found.push(text);
    }
    return found;
  });
}
