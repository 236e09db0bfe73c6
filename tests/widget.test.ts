import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../src/types.js";
import { type HostPageServer, saveScreenshot, startHostPageServer } from "./helpers/browser.js";
import {
  answerWith,
  captureState,
  type PageOptions,
  phone,
  smallTapTargets,
  unmarkedChinese,
  useBrowserPages,
} from "./helpers/browser-pages.js";
import { startTestServer } from "./helpers/start-test-server.js";

const question = "2018-2019 两年期实际支出总额是多少？";
const followUp = "其中经常预算占多少？";

let api: { url: string; close(): Promise<void> };
let allowedHost: HostPageServer;
let otherHost: HostPageServer;
const browser = useBrowserPages();

beforeAll(async () => {
  allowedHost = await startHostPageServer();
  otherHost = await startHostPageServer();
  api = await startTestServer({ ALLOWED_ORIGINS: allowedHost.origin });
});

afterAll(async () => {
  await api?.close();
  await allowedHost?.close();
  await otherHost?.close();
});

/**
 * A host page embedding the widget, once its bubble shows. The host's CSP is lifted (axe needs that) unless
 * `enforceCsp` is set.
 */
function openPage(url: string, options: PageOptions = {}) {
  return browser.open(url, { waitFor: ".rc-bubble", ...options });
}

/** Class of the element focused inside the widget's shadow root (the document only sees the host). */
function focusedInWidget(page: Page): Promise<string | undefined> {
  return page.evaluate(() => {
    const root = document.querySelector("[data-report-chat]")?.shadowRoot;
    return root?.activeElement?.className;
  });
}

/** Records, inside the page, each render of the answer text while the answer is still busy (streaming). */
async function watchStreaming(page: Page): Promise<void> {
  await page.evaluate(() => {
    const root = document.querySelector("[data-report-chat]")!.shadowRoot!;
    const record = { clicked: false, busyRenders: [] as number[] };
    (window as unknown as { streamRecord: typeof record }).streamRecord = record;
    root.addEventListener(
      "click",
      (event) => {
        const target = event.composedPath()[0] as Element;
        if (target.closest?.(".rc-send")) Object.assign(record, { clicked: true, busyRenders: [] });
      },
      true,
    );
    new MutationObserver(() => {
      const answers = root.querySelectorAll(".rc-message-assistant");
      const last = answers[answers.length - 1];
      const length = last?.querySelector(".rc-answer-text")?.textContent?.length ?? 0;
      if (!record.clicked || length === 0) return;
      if (last.getAttribute("aria-busy") === "true") record.busyRenders.push(length);
    }).observe(root, { subtree: true, childList: true, characterData: true });
  });
}

function readStreamRecord(page: Page): Promise<{ busyRenders: number[] }> {
  return page.evaluate(() => (window as unknown as { streamRecord: { busyRenders: number[] } }).streamRecord);
}

async function askByClickingSend(page: Page, text: string): Promise<void> {
  await page.locator(".rc-input").fill(text);
  await page.locator(".rc-send").click();
}

/**
 * Opens the widget, asks, checks the streamed answer and its first passage, asks a follow-up and closes with Escape.
 */
async function runConversation(
  page: Page,
  screenshotPrefix: string,
  capture: (page: Page, name: string) => Promise<unknown> = saveScreenshot,
): Promise<void> {
  await watchStreaming(page);
  await page.locator(".rc-bubble").click();
  await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(true);
  expect(await focusedInWidget(page)).toBe("rc-input");
  await askByClickingSend(page, question);
  const firstAnswer = page.locator(".rc-message-assistant").nth(0);
  await firstAnswer.locator(".rc-marker").first().waitFor();
  await page.locator(".rc-message-assistant.rc-state-done").nth(0).waitFor();
  const record = await readStreamRecord(page);
  // Text appeared while the answer was still streaming, and grew from one render to the next.
  expect(record.busyRenders.length).toBeGreaterThan(0);
  expect(record.busyRenders).toEqual([...record.busyRenders].sort((a, b) => a - b));
  expect(await firstAnswer.locator(".rc-answer-text").textContent()).toMatch(/\[\d+\]/);

  await firstAnswer.locator('.rc-marker[data-citation="1"]').first().click();
  const passage = page.locator(".rc-drawer .rc-passage");
  await passage.waitFor();
  expect(await passage.locator(".rc-section-path li").count()).toBeGreaterThan(0);
  expect((await passage.locator(".rc-passage-text").textContent())?.length).toBeGreaterThan(10);
  expect(await focusedInWidget(page)).toBe("rc-passage-heading");
  await capture(page, `${screenshotPrefix}-passage`);

  await page.locator(".rc-input").click();
  await askByClickingSend(page, followUp);
  await page.locator(".rc-message-assistant").nth(1).waitFor();
  await page.locator(".rc-message-assistant.rc-state-done").nth(1).waitFor();
  // The earlier answer's passage made way for the new answer.
  expect(await page.locator(".rc-drawer").isVisible()).toBe(false);
  await capture(page, `${screenshotPrefix}-follow-up`);

  await page.keyboard.press("Escape");
  await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(false);
  expect(await focusedInWidget(page)).toBe("rc-bubble");
}

describe("widget.js", () => {
  it("is one script under 40 KB gzipped, with no eval, served with a short cache and an ETag", async () => {
    const response = await fetch(`${api.url}/widget.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("cache-control")).toMatch(/max-age=300/);
    expect(response.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const etag = response.headers.get("etag");
    expect(etag).toBeTruthy();
    const code = await response.text();
    const gzippedBytes = gzipSync(Buffer.from(code), { level: 9 }).length;
    console.log(`widget.js: ${code.length} bytes, ${(gzippedBytes / 1024).toFixed(1)} KB gzipped`);
    expect(gzippedBytes).toBeLessThan(40 * 1024);
    expect(code).not.toMatch(/\beval\(|new Function\(|innerHTML|insertAdjacentHTML/);

    const revalidated = await fetch(`${api.url}/widget.js`, { headers: { "If-None-Match": etag! } });
    expect(revalidated.status).toBe(304);
  });

  it("embeds under a strict CSP, adds no global but ReportChat, and answers a conversation", async () => {
    const { page: plainPage } = await browser.open(allowedHost.plainUrl(api.url), { enforceCsp: true });
    const plainGlobals = await plainPage.evaluate(() => Object.keys(window));
    await browser.closeAll();

    const { page, problems } = await openPage(allowedHost.embedUrl(api.url), { enforceCsp: true });
    const globals = await page.evaluate(() => Object.keys(window));
    expect(globals.filter((name) => !plainGlobals.includes(name))).toEqual(["ReportChat"]);
    expect(await page.evaluate(() => Boolean(document.querySelector("[data-report-chat]")?.shadowRoot))).toBe(true);
    expect(await page.locator(".rc-bubble").getAttribute("aria-expanded")).toBe("false");
    await saveScreenshot(page, "widget-desktop-closed");

    await runConversation(page, "widget-desktop");
    expect(problems).toEqual([]);
  });

  it("opens full screen on a phone-sized viewport", async () => {
    const { page, problems } = await openPage(allowedHost.embedUrl(api.url), { viewport: phone });
    await page.locator(".rc-bubble").click();
    // Polled: the panel rises into place with a short animation.
    const roundedBox = async () => {
      const box = await page.locator(".rc-panel").boundingBox();
      return (
        box && {
          x: Math.round(box.x),
          y: Math.round(box.y),
          width: Math.round(box.width),
          height: Math.round(box.height),
        }
      );
    };
    await expect.poll(roundedBox).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    await captureState(page, "widget-phone-full-screen");
    await page.keyboard.press("Escape");
    await runConversation(page, "widget-phone", captureState);
    await page.locator(".rc-bubble").click();
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(true);
    expect(await smallTapTargets(page, true)).toEqual([]);
    // 16 px or more: a phone does not zoom in when the question box takes focus.
    expect(
      await page.locator(".rc-input").evaluate((element) => parseFloat(getComputedStyle(element).fontSize)),
    ).toBeGreaterThanOrEqual(16);
    await captureState(page, "widget-phone-reopened");
    expect(problems).toEqual([]);
  });

  it("keeps keyboard focus inside while open and stays usable at 200% zoom", async () => {
    // 200% zoom of a 1280x800 window is a 640x400 CSS viewport at twice the pixel density.
    const { page } = await openPage(allowedHost.embedUrl(api.url), {
      viewport: { width: 640, height: 400 },
      deviceScaleFactor: 2,
    });
    await page.locator(".rc-bubble").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => focusedInWidget(page)).toBe("rc-input");
    const visited = new Set<string | undefined>();
    for (let step = 0; step < 12; step += 1) {
      await page.keyboard.press(step % 3 === 2 ? "Shift+Tab" : "Tab");
      visited.add(await focusedInWidget(page));
      expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-report-chat"))).toBe(true);
    }
    expect(visited.has("rc-close")).toBe(true);
    const panel = await page.locator(".rc-panel").boundingBox();
    const input = await page.locator(".rc-input").boundingBox();
    expect(panel!.width).toBeLessThanOrEqual(640);
    expect(input!.y + input!.height).toBeLessThanOrEqual(400);
    expect(await page.locator(".rc-panel").evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(
      true,
    );
    await captureState(page, "widget-zoom-200");
    await page.keyboard.press("Escape");
    expect(await focusedInWidget(page)).toBe("rc-bubble");
  });

  it("reads its data-* options and offers ReportChat.open, .close and .ask", async () => {
    const { page, problems } = await openPage(
      allowedHost.embedUrl(api.url, {
        lang: "en",
        title: "Ask our report",
        position: "bottom-left",
        accent: "#8a1538",
        open: "",
        placeholder: "Type here",
      }),
    );
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(true);
    expect(await page.locator(".rc-title").textContent()).toBe("Ask our report");
    expect(await page.locator(".rc-input").getAttribute("placeholder")).toBe("Type here");
    expect(await page.locator(".rc-bubble").getAttribute("aria-label")).toBe("Open report chat");
    const bubble = await page.locator(".rc-bubble").boundingBox();
    expect(bubble!.x).toBeLessThan(100);
    expect(await page.locator(".rc-bubble").evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      "rgb(138, 21, 56)",
    );

    await page.evaluate(() => (window as unknown as { ReportChat: { close(): void } }).ReportChat.close());
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(false);
    await page.evaluate(
      (text) => (window as unknown as { ReportChat: { ask(text: string): void } }).ReportChat.ask(text),
      question,
    );
    await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
    expect(await page.locator(".rc-message-user").first().textContent()).toContain(question);
    await page.evaluate(() => (window as unknown as { ReportChat: { close(): void } }).ReportChat.close());
    await page.evaluate(() => (window as unknown as { ReportChat: { open(): void } }).ReportChat.open());
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("takes the interface language from the page's lang by default", async () => {
    const { page } = await openPage(allowedHost.embedUrl(api.url, {}, "en-GB"));
    expect(await page.locator(".rc-bubble").getAttribute("aria-label")).toBe("Open report chat");
    await captureState(page, "widget-desktop-closed-english");
    await browser.closeAll();
    const { page: chinesePage } = await openPage(allowedHost.embedUrl(api.url, {}, "zh-CN"));
    expect(await chinesePage.locator(".rc-bubble").getAttribute("aria-label")).toBe("打开报告问答");
  });

  it("keeps the conversation across reloads, copies an answer with its sources, and starts anew", async () => {
    const { page, context } = await openPage(allowedHost.embedUrl(api.url));
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: allowedHost.origin });
    await page.locator(".rc-bubble").click();
    await askByClickingSend(page, question);
    await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
    await page.locator(".rc-copy").first().click();
    await expect.poll(() => page.locator(".rc-copy").first().textContent()).toBe("已复制");
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain("来源:");
    expect(copied).toMatch(/\[1\] .+/);

    await page.reload();
    await page.locator(".rc-bubble").click();
    expect(await page.locator(".rc-message-user").first().textContent()).toContain(question);
    await page.locator(".rc-new").click();
    expect(await page.locator(".rc-message-user").count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(localStorage).length)).toBe(0);
  });

  it("shows a clear message and a retry for network failures, 429 and 5xx, and stops on request", async () => {
    const { page } = await openPage(allowedHost.embedUrl(api.url));
    const corsHeaders = {
      "access-control-allow-origin": allowedHost.origin,
      "access-control-expose-headers": "Retry-After",
    };
    await page.locator(".rc-bubble").click();

    await page.route("**/api/chat", (route) => route.abort("internetdisconnected"));
    await askByClickingSend(page, question);
    await expect.poll(() => page.locator(".rc-error").first().textContent()).toContain("无法连接");

    await page.unroute("**/api/chat");
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 429,
        headers: { ...corsHeaders, "retry-after": "7", "content-type": "application/json" },
        body: JSON.stringify({ error: { code: "rate_limited", message: "Too many requests" } }),
      }),
    );
    // The browser's clock is driven by the test from here: the countdown is checked without waiting 7 s.
    await page.clock.install();
    await page.locator(".rc-retry").click();
    await expect.poll(() => page.locator(".rc-error").first().textContent()).toContain("7 秒");
    expect(await page.locator(".rc-countdown").getAttribute("aria-live")).toBe("off");
    expect(await page.locator(".rc-retry").isDisabled()).toBe(true);
    expect(await page.locator(".rc-send").isDisabled()).toBe(true);
    await page.clock.runFor(3000);
    await expect.poll(() => page.locator(".rc-error").first().textContent()).toContain("4 秒");
    await captureState(page, "widget-rate-limited");
    await page.clock.runFor(4000);
    await expect.poll(() => page.locator(".rc-retry").isDisabled()).toBe(false);
    expect(await page.locator(".rc-send").isDisabled()).toBe(false);

    await page.unroute("**/api/chat");
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 503,
        headers: { ...corsHeaders, "content-type": "application/json" },
        body: JSON.stringify({ error: { code: "not_ready", message: "x" } }),
      }),
    );
    await page.locator(".rc-retry").click();
    await expect.poll(() => page.locator(".rc-error").first().textContent()).toContain("服务出现问题");
    expect(await page.locator(".rc-typing").count()).toBe(0);
    await captureState(page, "widget-error");

    await page.unroute("**/api/chat");
    await page.locator(".rc-retry").click();
    await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
    expect(await page.locator(".rc-error").count()).toBe(0);

    await page.route("**/api/chat", () => {
      // Never answered: the reader stops it.
    });
    await askByClickingSend(page, followUp);
    await page.locator(".rc-stop").waitFor();
    await page.locator(".rc-stop").click();
    await page.locator(".rc-message-assistant.rc-state-stopped").waitFor();
    expect(await page.locator(".rc-send").isVisible()).toBe(true);
    expect(await focusedInWidget(page)).toBe("rc-input");
    // The question is put back, and the stopped answer can be retried.
    expect(await page.locator(".rc-input").inputValue()).toBe(followUp);
    expect(await page.locator(".rc-state-stopped .rc-retry").isVisible()).toBe(true);

    // A stream cut after the answer started keeps what arrived and says it was interrupted.
    await page.unroute("**/api/chat");
    await page.route("**/api/chat", (route) =>
      route.fulfill({
        status: 200,
        headers: { ...corsHeaders, "content-type": "text/event-stream" },
        body: `event: citations\ndata: {"citations":[]}\n\nevent: delta\ndata: {"text":"两年期支出总额为"}\n\n`,
      }),
    );
    await page.locator(".rc-state-stopped .rc-retry").click();
    const cut = page.locator(".rc-message-assistant.rc-state-failed").last();
    await cut.waitFor();
    expect(await cut.locator(".rc-answer-text").textContent()).toBe("两年期支出总额为");
    expect(await cut.locator(".rc-error").textContent()).toContain("回答中断了");
    expect(await cut.locator(".rc-error").textContent()).not.toContain("网络");
    await captureState(page, "widget-interrupted");
  });

  it("marks an answer that is not in the report and draws a table-backed answer as a table and chart", async () => {
    const { page } = await openPage(allowedHost.embedUrl(api.url));
    const notFound: ChatResponse = {
      answer: "报告中没有找到与此问题相关的内容。",
      found: false,
      citations: [],
      figures: [],
      mode: "extractive",
    };
    const tableAnswer: ChatResponse = {
      answer: "成果目标 1 的支出最高[1]。",
      found: true,
      citations: [
        {
          id: 1,
          chunkId: "ilo#1",
          text: "成果目标 1 支出 120.5 百万美元。",
          section: "第二部分 > 成果目标 1",
          score: 1,
        },
      ],
      figures: [{ value: "120.5", unit: "百万美元", citation: 1, source: { citation: 1, span: "120.5", start: 9 } }],
      mode: "extractive",
      table: {
        tableId: "outcome-spending",
        caption: "按成果目标分列的支出",
        unit: "百万美元",
        columns: ["成果目标", "经常预算", "自愿捐款"],
        rows: [
          ["成果目标 1", 120.5, 80],
          ["成果目标 2", 60, null],
        ],
        chart: {
          type: "bar",
          labels: ["成果目标 1", "成果目标 2"],
          series: [
            { name: "经常预算", values: [120.5, 60] },
            { name: "自愿捐款", values: [80, null] },
          ],
        },
      },
    };
    let next = notFound;
    await answerWith(page, () => next, { "access-control-allow-origin": allowedHost.origin });
    await page.locator(".rc-bubble").click();
    await askByClickingSend(page, "火星上有多少劳工组织办事处？");
    await page.locator(".rc-message-assistant.rc-not-found").waitFor();
    expect(await page.locator(".rc-not-found-label").textContent()).toBe("报告中未找到");

    next = tableAnswer;
    await askByClickingSend(page, "各成果目标的支出是多少？");
    const answer = page.locator(".rc-message-assistant.rc-state-done").nth(1);
    await answer.waitFor();
    expect(await answer.locator(".rc-table tbody tr").count()).toBe(2);
    expect(await answer.locator(".rc-table td").last().textContent()).toBe("—");
    // Horizontal bars with the full labels and every value written out; the plotted columns named.
    expect(await answer.locator(".rc-bar-label").allTextContents()).toEqual(["成果目标 1", "成果目标 2"]);
    expect(await answer.locator(".rc-bar-value").allTextContents()).toEqual([
      "经常预算: 120.5",
      "自愿捐款: 80",
      "经常预算: 60.0",
      "自愿捐款: —",
    ]);
    expect(await answer.locator(".rc-chart-caption").textContent()).toContain("经常预算, 自愿捐款");
    // The longest bar leaves room for its value: no value runs past the chart.
    const overflow = await answer.locator(".rc-bars").evaluate((bars) => {
      const right = bars.getBoundingClientRect().right;
      return [...bars.querySelectorAll(".rc-bar-value")].map(
        (value) => value.getBoundingClientRect().right > right + 0.5,
      );
    });
    expect(overflow).toEqual([false, false, false, false]);
    // The table writes each column's numbers alike, and the unit once.
    expect(await answer.locator(".rc-table tbody tr").first().locator("td").allTextContents()).toEqual(["120.5", "80"]);
    expect(await answer.locator(".rc-table caption").textContent()).toBe("按成果目标分列的支出（单位：百万美元）");
    await answer.locator(".rc-marker").first().click();
    expect(await page.locator(".rc-drawer mark.rc-figure").textContent()).toBe("120.5");
    await captureState(page, "widget-table-chart");
  });

  it("gets no answer on a site whose origin is not allowed", async () => {
    const { page } = await openPage(otherHost.embedUrl(api.url));
    await page.locator(".rc-bubble").click();
    await askByClickingSend(page, question);
    await expect.poll(() => page.locator(".rc-error").first().textContent()).toContain("无法连接");
    expect(await page.locator(".rc-retry").isVisible()).toBe(true);

    const preflight = await fetch(`${api.url}/api/chat`, {
      method: "OPTIONS",
      headers: {
        Origin: otherHost.origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("widget.js with API keys required", () => {
  it("sends its data-api-key, a public key accepted from an allowed origin", async () => {
    const keyed = await startTestServer({
      ALLOWED_ORIGINS: allowedHost.origin,
      API_KEYS: "server-secret",
      PUBLIC_API_KEYS: "widget-public",
    });
    try {
      const { page } = await openPage(allowedHost.embedUrl(keyed.url, { "api-key": "widget-public" }));
      await page.locator(".rc-bubble").click();
      await askByClickingSend(page, question);
      await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
      expect(await page.locator(".rc-message-assistant .rc-answer-text").first().textContent()).toMatch(/\[\d+\]/u);

      const withoutKey = await fetch(`${keyed.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", Origin: allowedHost.origin },
        body: JSON.stringify({ question }),
      });
      expect(withoutKey.status).toBe(401);
    } finally {
      await keyed.close();
    }
  });
});

describe("widget.js beside its host page", () => {
  it("on a desktop leaves the host page usable while open, and Escape still closes it", async () => {
    const { page, problems } = await openPage(allowedHost.embedUrl(api.url));
    await page.locator(".rc-bubble").click();
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(true);
    expect(await page.locator(".rc-panel").getAttribute("aria-modal")).toBeNull();
    // The host page's search box takes a click and typing while the panel is open.
    await page.locator("#host-search").click();
    await page.keyboard.type("annual report");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-search");
    expect(await page.locator("#host-search").inputValue()).toBe("annual report");
    // A click on the host page's own control keeps focus there.
    await page.locator("#host-button").click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-button");
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-search");
    expect(await page.locator(".rc-panel").isVisible()).toBe(true);
    await captureState(page, "widget-desktop-non-modal");
    await page.locator(".rc-input").click();
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".rc-panel").isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it("with data-open opens beside the page on a desktop, without taking the first Tab, and stays shut on a phone", async () => {
    const desktop = await openPage(allowedHost.embedUrl(api.url, { open: "" }));
    await expect.poll(() => desktop.page.locator(".rc-panel").isVisible()).toBe(true);
    await desktop.page.keyboard.press("Tab");
    expect(await desktop.page.evaluate(() => document.activeElement?.id)).toBe("host-link");
    await browser.closeAll();

    const onPhone = await openPage(allowedHost.embedUrl(api.url, { open: "" }), { viewport: phone });
    expect(await onPhone.page.locator(".rc-panel").isVisible()).toBe(false);
    expect(await onPhone.page.locator("#host-button").isVisible()).toBe(true);
    await captureState(onPhone.page, "widget-phone-data-open");
    await onPhone.page.locator(".rc-bubble").click();
    await expect.poll(() => onPhone.page.locator(".rc-panel").getAttribute("aria-modal")).toBe("true");
    await captureState(onPhone.page, "widget-phone-open");
  });

  it("follows a dark system scheme and data-theme, and writes dark text on a light data-accent", async () => {
    const background = (page: Page) =>
      page.locator(".rc-panel").evaluate((element) => getComputedStyle(element).backgroundColor);
    const scenarios: Array<{
      scheme: "dark" | "light";
      attributes: Record<string, string>;
      dark: boolean;
      name: string;
      viewport?: { width: number; height: number };
    }> = [
      { scheme: "dark", attributes: {}, dark: true, name: "widget-dark-auto" },
      { scheme: "dark", attributes: {}, dark: true, name: "widget-dark-phone", viewport: phone },
      { scheme: "dark", attributes: { theme: "light" }, dark: false, name: "widget-dark-system-light-theme" },
      { scheme: "light", attributes: { theme: "dark" }, dark: true, name: "widget-dark-theme" },
    ];
    for (const scenario of scenarios) {
      const { page } = await openPage(allowedHost.embedUrl(api.url, scenario.attributes), {
        colorScheme: scenario.scheme,
        viewport: scenario.viewport,
      });
      await page.locator(".rc-bubble").click();
      await askByClickingSend(page, question);
      await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
      expect(isDark(await background(page))).toBe(scenario.dark);
      await captureState(page, scenario.name);
      await browser.closeAll();
    }

    const { page } = await openPage(allowedHost.embedUrl(api.url, { accent: "#ffd400" }));
    await page.locator(".rc-bubble").click();
    const title = await page.locator(".rc-title").evaluate((element) => getComputedStyle(element).color);
    expect(isDark(title)).toBe(true);
    const deepAccent = await openPage(allowedHost.embedUrl(api.url, { accent: "#5b2a86" }));
    await deepAccent.page.locator(".rc-bubble").click();
    const onDeep = await deepAccent.page.locator(".rc-title").evaluate((element) => getComputedStyle(element).color);
    expect(onDeep).toBe("rgb(255, 255, 255)");
  });

  it("speaks English throughout with data-lang=en, table captions and units included", async () => {
    const { page } = await openPage(allowedHost.embedUrl(api.url, { lang: "en" }));
    const tableAnswer: ChatResponse = {
      answer: "Outcome 1 spent the most: US$120.5 million [1].",
      found: true,
      citations: [
        { id: 1, chunkId: "r#1", text: "成果目标 1 支出 120.5 百万美元。", section: "第二部分 > 成果目标 1", score: 1 },
      ],
      figures: [{ value: "120.5", unit: "百万美元", citation: 1, source: { citation: 1, span: "120.5", start: 9 } }],
      mode: "extractive",
      table: {
        tableId: "t",
        caption: "Spending by outcome",
        unit: "百万美元",
        columns: ["Outcome", "Regular budget"],
        rows: [
          ["Outcome 1", 1267.4],
          ["Outcome 2", 60],
        ],
      },
    };
    let next = tableAnswer;
    await answerWith(page, () => next, { "access-control-allow-origin": allowedHost.origin });
    await page.locator(".rc-bubble").click();
    expect(await page.locator(".rc-send").textContent()).toBe("Send");
    expect(await page.locator(".rc-examples-label").textContent()).toBe("Example questions");
    await askByClickingSend(page, "Which outcome spent the most?");
    const answer = page.locator(".rc-message-assistant.rc-state-done");
    await answer.waitFor();
    expect(await answer.locator(".rc-table caption").textContent()).toBe("Spending by outcome (unit: US$ million)");
    // Numbers follow the interface language, not the browser's locale.
    expect(await answer.locator(".rc-table td").first().textContent()).toBe("1,267.4");
    expect(await answer.locator(".rc-sources .rc-sources-label").textContent()).toBe("Sources");
    const chip = answer.locator(".rc-source").first();
    const visible = (await chip.textContent()) ?? "";
    expect((await chip.getAttribute("aria-label"))?.startsWith(visible)).toBe(true);
    expect(await answer.locator(".rc-regenerate").textContent()).toBe("Regenerate");
    await captureState(page, "widget-english");

    // A table of a Chinese report, as the engine gives it: the figure first in English, then the quoted evidence.
    const evidence = "就业人口比从 2016 年的 57.7% 降至 2019 年的 57.4%。";
    next = {
      answer: `The employment-to-population ratio fell to 57.4% in 2019 [1]. The report: “${evidence}”`,
      found: true,
      citations: [
        {
          id: 1,
          chunkId: "r#2",
          text: evidence,
          section: "第一部分 > 体面劳动趋势",
          label: "表 2016-2019 年体面劳动指标的主要趋势(百分比)",
          page: 12,
          score: 1,
        },
      ],
      figures: [{ value: "57.4", unit: "%", citation: 1, source: { citation: 1, span: "57.4", start: 24 } }],
      mode: "extractive",
      table: {
        tableId: "trends",
        caption: "2016-2019 年体面劳动指标的主要趋势(百分比)",
        unit: "%",
        columns: ["指标", "2016", "2019"],
        rows: [
          ["就业人口比", 57.7, 57.4],
          ["女性", 44.8, 44.6],
        ],
        chart: {
          type: "bar",
          labels: ["就业人口比", "女性"],
          series: [
            { name: "2016", values: [57.7, 44.8] },
            { name: "2019", values: [57.4, 44.6] },
          ],
        },
      },
    };
    await askByClickingSend(page, "How did the employment-to-population ratio change?");
    const chinese = page.locator(".rc-message-assistant.rc-state-done").nth(1);
    await chinese.waitFor();
    // The caption says "percent" already: the unit is not added a second time.
    expect(await chinese.locator(".rc-table caption").textContent()).toBe("2016-2019 年体面劳动指标的主要趋势(百分比)");
    expect(await chinese.locator('.rc-answer-text [lang="zh-CN"]').allTextContents()).toEqual([evidence]);
    // Every Chinese word of the answer, its table and chart included, is marked as Chinese.
    expect(await unmarkedChinese(chinese)).toEqual([]);
    const tableChip = chinese.locator(".rc-source").first();
    expect(await tableChip.textContent()).toBe("[1] Table 2016-2019 年体面劳动指标的主要趋势(百分比)");
    expect(await tableChip.locator('[lang="zh-CN"]').textContent()).toBe("年体面劳动指标的主要趋势(百分比)");
    expect((await tableChip.getAttribute("aria-label"))?.startsWith("[1] Table 2016-2019")).toBe(true);
    const suggestion = chinese.locator(".rc-suggestion").first();
    expect(await suggestion.textContent()).toMatch(/^What does the report say about “.+”\?$/u);
    expect(await suggestion.locator('[lang="zh-CN"]').count()).toBe(1);
    await tableChip.click();
    const heading = page.locator(".rc-drawer .rc-passage-heading");
    expect(await heading.textContent()).toBe("[1] Table 2016-2019 年体面劳动指标的主要趋势(百分比)");
    expect(await page.locator(".rc-drawer .rc-passage-page").textContent()).toBe("page 12");
    expect(await page.locator(".rc-drawer .rc-section-path li").first().getAttribute("lang")).toBe("zh-CN");
    await captureState(page, "widget-english-chinese-report");
  });

  it("runs calls queued before it loaded, as ReportChat('ask', …)", async () => {
    const { page } = await browser.open(allowedHost.embedUrl(api.url), {
      beforeLoad: (page) =>
        page.addInitScript(() => {
          const stub = (...args: unknown[]) => {
            (stub as unknown as { q: unknown[][] }).q.push(args);
          };
          (stub as unknown as { q: unknown[][] }).q = [];
          (window as unknown as { ReportChat: typeof stub }).ReportChat = stub;
          stub("ask", "2018-2019 两年期实际支出总额是多少？");
        }),
    });
    await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
    expect(await page.locator(".rc-message-user").first().textContent()).toContain("实际支出总额");
    expect(
      await page.evaluate(() => typeof (window as unknown as { ReportChat: { open: unknown } }).ReportChat.open),
    ).toBe("function");
  });

  it("appends each new turn to the live log, leaving earlier turns as they were, and has no serious axe violation", async () => {
    const { page } = await openPage(allowedHost.embedUrl(api.url));
    await page.locator(".rc-bubble").click();
    await askByClickingSend(page, question);
    await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
    await page.evaluate(() => {
      const root = document.querySelector("[data-report-chat]")!.shadowRoot!;
      const firstTurn = root.querySelector(".rc-turn")!;
      const removed: Node[] = [];
      new MutationObserver((records) => {
        for (const record of records) removed.push(...record.removedNodes);
      }).observe(root.querySelector(".rc-log")!, { childList: true, subtree: true });
      Object.assign(window, {
        firstTurn,
        firstTurnHtml: firstTurn.querySelector(".rc-message-user")!.outerHTML,
        removed,
      });
    });
    await askByClickingSend(page, followUp);
    await page.locator(".rc-message-assistant.rc-state-done").nth(1).waitFor();
    const outcome = await page.evaluate(() => {
      const state = window as unknown as { firstTurn: Element; removed: Node[] };
      const root = document.querySelector("[data-report-chat]")!.shadowRoot!;
      return {
        same: root.querySelector(".rc-turn") === state.firstTurn,
        removedFromFirst: state.removed.filter((node) => state.firstTurn.contains(node) || node === state.firstTurn)
          .length,
        turns: root.querySelectorAll(".rc-turn").length,
      };
    });
    expect(outcome).toEqual({ same: true, removedFromFirst: 0, turns: 2 });
    await page.locator(".rc-marker").first().click();
    await page.locator(".rc-drawer .rc-passage").waitFor();
    await captureState(page, "widget-desktop-live-log-passage");
  });
});

/** Whether a computed `rgb()` colour is dark (relative luminance under 0.2). */
function isDark(colour: string): boolean {
  const [red, green, blue] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue) < 0.2;
}

describe("widget.js charts and passages", () => {
  it("draws a series on a marked non-zero axis, skips a chart that says nothing, and opens a table passage at its figure", async () => {
    // A German browser: numbers still follow the interface's language.
    const { page } = await openPage(allowedHost.embedUrl(api.url), { locale: "de-DE" });
    const filler = Array.from({ length: 40 }, (_, index) => `说明文字第 ${index + 1} 行，用来把表格推到段落的后面。`);
    const passageText = [
      ...filler,
      "2016-2019 年体面劳动指标的主要趋势(百分比)",
      "2016 (%) 2017 (%) 2018 (%) 2019 (%)",
      "就业人口比(15 岁及以上) 57.7 57.6 57.6 57.4",
      "女性 44.8 44.8 44.8 44.6",
      "男性 70.6 70.5 70.5 70.3",
    ].join("\n");
    const start = passageText.indexOf("57.4");
    const lineAnswer: ChatResponse = {
      answer: "就业人口比从 57.7% 降至 57.4%[1]。",
      found: true,
      citations: [{ id: 1, chunkId: "r#9", text: passageText, section: "第一部分 > 体面劳动趋势", score: 1 }],
      figures: [{ value: "57.4", unit: "%", citation: 1, source: { citation: 1, span: "57.4", start } }],
      mode: "extractive",
      table: {
        tableId: "trends",
        caption: "就业人口比",
        unit: "%",
        columns: ["指标", "2016", "2017", "2018", "2019"],
        rows: [["就业人口比", 57.7, 57.6, 57.6, 57.4]],
        chart: {
          type: "line",
          labels: ["2016", "2017", "2018", "2019"],
          series: [{ name: "就业人口比", values: [57.7, 57.6, 57.6, 57.4] }],
        },
      },
    };
    const flat: ChatResponse = {
      ...lineAnswer,
      table: {
        ...lineAnswer.table!,
        chart: { type: "bar", labels: ["2019"], series: [{ name: "x", values: [57.4] }] },
      },
    };
    let next = lineAnswer;
    await answerWith(page, () => next, { "access-control-allow-origin": allowedHost.origin });
    await page.locator(".rc-bubble").click();
    await askByClickingSend(page, "就业人口比有什么变化？");
    const answer = page.locator(".rc-message-assistant.rc-state-done").first();
    await answer.waitFor();
    const ticks = await answer.locator(".rc-axis-label").allTextContents();
    expect(ticks.slice(0, 2)).not.toContain("0.0");
    expect(await answer.locator(".rc-axis-broken").count()).toBe(1);
    expect(await answer.locator(".rc-chart-caption").textContent()).toMatch(/纵轴从 \d+\.\d 开始，不从零开始/);
    expect(await answer.locator(".rc-value-label").allTextContents()).toEqual(["57.7", "57.6", "57.6", "57.4"]);
    await captureState(page, "widget-line-chart");

    await answer.locator(".rc-marker").first().click();
    const drawer = page.locator(".rc-drawer-content");
    await drawer.locator(".rc-passage-table").waitFor();
    expect(await drawer.locator(".rc-passage-table thead th").allTextContents()).toEqual([
      "2016 (%)",
      "2017 (%)",
      "2018 (%)",
      "2019 (%)",
    ]);
    expect(await drawer.locator("mark.rc-figure").textContent()).toBe("57.4");
    // The drawer scrolled to the highlighted figure, which is inside the drawer's visible area.
    const inView = await drawer.evaluate((element) => {
      const mark = element.querySelector("mark.rc-figure")!.getBoundingClientRect();
      const box = element.getBoundingClientRect();
      return { scrolled: element.scrollTop > 0, visible: mark.top >= box.top && mark.bottom <= box.bottom };
    });
    expect(inView).toEqual({ scrolled: true, visible: true });
    await captureState(page, "widget-table-passage");

    next = flat;
    await page.locator(".rc-drawer-close").click();
    await askByClickingSend(page, "2019 年呢？");
    const second = page.locator(".rc-message-assistant.rc-state-done").nth(1);
    await second.waitFor();
    expect(await second.locator(".rc-table").count()).toBe(1);
    expect(await second.locator(".rc-chart-figure").count()).toBe(0);
  });
});
