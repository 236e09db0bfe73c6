import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../src/types.js";
import { saveScreenshot } from "./helpers/browser.js";
import {
  answerWith,
  captureState,
  desktop,
  type PageOptions,
  phone,
  unmarkedChinese,
  useBrowserPages,
} from "./helpers/browser-pages.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

const question = "2018-2019 两年期实际支出总额是多少？";
const followUp = "其中经常预算占多少？";

let api: TestServer;
const browser = useBrowserPages();

beforeAll(async () => {
  api = await startTestServer();
});

afterAll(async () => {
  await api?.close();
});

/** The chat page at `path` (default `/`), its CSP lifted so that axe can check it. */
function openPage(options: PageOptions & { path?: string } = {}) {
  return browser.open(`${api.url}${options.path ?? "/"}`, { ...options, waitFor: ".rc-chat" });
}

async function ask(page: Page, text: string, index: number): Promise<void> {
  await page.locator(".rc-input").fill(text);
  await page.keyboard.press("Enter");
  await page.locator(".rc-message-assistant.rc-state-done").nth(index).waitFor();
}

function backgroundOf(page: Page, selector: string): Promise<string> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => getComputedStyle(element).backgroundColor);
}

function luminance(colour: string): number {
  const [red, green, blue] = (colour.match(/[\d.]+/g) ?? []).map(Number);
  const linear = (channel: number) => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

describe("chat page, as readers use it", () => {
  it("appends each new turn to the live log: earlier turns stay the very same DOM nodes", async () => {
    const { page, problems } = await openPage();
    await ask(page, question, 0);
    await page.evaluate(() => {
      const firstTurn = document.querySelector(".rc-turn")!;
      const removed: Node[] = [];
      new MutationObserver((records) => {
        for (const record of records) removed.push(...record.removedNodes);
      }).observe(document.querySelector(".rc-log")!, { childList: true, subtree: true });
      Object.assign(window, { firstTurn, firstAnswer: firstTurn.querySelector(".rc-message-assistant"), removed });
    });
    await ask(page, followUp, 1);
    const outcome = await page.evaluate(() => {
      const state = window as unknown as { firstTurn: Element; firstAnswer: Element; removed: Node[] };
      return {
        sameTurn: document.querySelector(".rc-turn") === state.firstTurn,
        sameAnswer: state.firstTurn.querySelector(".rc-message-assistant") === state.firstAnswer,
        removedFromEarlierTurn: state.removed.filter(
          (node) => node === state.firstTurn || state.firstTurn.contains(node),
        ).length,
      };
    });
    expect(outcome).toEqual({ sameTurn: true, sameAnswer: true, removedFromEarlierTurn: 0 });
    // Tools for the latest answer only: they moved to the new answer.
    expect(await page.locator(".rc-turn").first().locator(".rc-regenerate").isVisible()).toBe(false);
    expect(await page.locator(".rc-turn").nth(1).locator(".rc-regenerate").isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it("has no serious or critical axe violation on a desktop, on a phone and in dark mode", async () => {
    for (const [name, options] of [
      ["chat-page-axe-desktop", { viewport: desktop }],
      ["chat-page-axe-phone", { viewport: phone }],
      ["chat-page-dark-desktop", { viewport: desktop, colorScheme: "dark" as const }],
      ["chat-page-dark-phone", { viewport: phone, colorScheme: "dark" as const }],
    ] as const) {
      const { page } = await openPage(options);
      await captureState(page, `${name}-start`);
      await ask(page, question, 0);
      await captureState(page, `${name}-answer`);
      await page.locator(".rc-marker").first().click();
      await page.locator(".rc-passage.rc-active").waitFor();
      await captureState(page, name);
      await browser.closeAll();
    }
  });

  it("follows the system's dark scheme, and ?theme= overrides it", async () => {
    const dark = await openPage({ colorScheme: "dark" });
    expect(luminance(await backgroundOf(dark.page, ".page-chat"))).toBeLessThan(0.05);
    expect(luminance(await backgroundOf(dark.page, "html"))).toBeLessThan(0.05);
    await browser.closeAll();
    const forcedLight = await openPage({ colorScheme: "dark", path: "/?theme=light" });
    expect(luminance(await backgroundOf(forcedLight.page, ".page-chat"))).toBeGreaterThan(0.9);
    await browser.closeAll();
    const forcedDark = await openPage({ colorScheme: "light", path: "/?theme=dark" });
    expect(luminance(await backgroundOf(forcedDark.page, ".page-chat"))).toBeLessThan(0.05);
    await captureState(forcedDark.page, "chat-page-dark-start");
  });

  it("in English, answers an English example with English labels, the report's Chinese marked as such", async () => {
    for (const [name, viewport] of [
      ["chat-page-english-desktop", desktop],
      ["chat-page-english-phone", phone],
    ] as const) {
      const { page, problems } = await openPage({ viewport, path: "/?lang=en" });
      // The report's description may quote its Chinese: marked as such.
      expect(await unmarkedChinese(page.locator(".page-intro"))).toEqual([]);
      await page.locator('.rc-example[lang="en"]').first().click();
      const answer = page.locator(".rc-message-assistant.rc-state-done").first();
      await answer.waitFor();
      expect(await answer.locator(".rc-marker").count()).toBeGreaterThan(0);
      expect(await answer.locator(".rc-sources .rc-sources-label").textContent()).toBe("Sources");
      expect(await answer.locator(".rc-regenerate").textContent()).toBe("Regenerate");
      // Every Chinese character the reader sees in the answer is inside an element marked zh-CN.
      expect(await unmarkedChinese(answer)).toEqual([]);
      for (const chip of await answer.locator(".rc-source").all()) {
        const visible = (await chip.textContent()) ?? "";
        expect((await chip.getAttribute("aria-label"))?.startsWith(visible)).toBe(true);
      }
      await answer.locator(".rc-marker").first().click();
      await page.locator(".rc-passage.rc-active").waitFor();
      expect(await page.locator(".rc-passage.rc-active .rc-passage-text").getAttribute("lang")).toBe("zh-CN");
      await captureState(page, name);
      expect(problems).toEqual([]);
      await browser.closeAll();
    }
  });

  it("marks unverified numbers in the answer text and highlights only verified ones in the passage", async () => {
    const { page } = await openPage();
    await answerWith(page, () => ({
      answer: "两年期支出总额为 12.777 亿美元[1]，比预算多 0.072 亿美元，其中 95% 用于外地[1]。",
      found: true,
      citations: [
        {
          id: 1,
          chunkId: "r#1",
          text: "两年期实际支出总额为 12.777 亿美元，预算总额为 12.705 亿美元。",
          section: "第一部分 > 预算和支出重点",
          score: 1,
        },
      ],
      figures: [
        {
          value: "12.777",
          unit: "亿美元",
          citation: 1,
          status: "verified",
          source: { citation: 1, span: "12.777", start: 10 },
        },
        { value: "0.072", unit: "亿美元", citation: 1, status: "derived", derivation: "12.777 − 12.705 = 0.072" },
        { value: "95", unit: "%", citation: 1, status: "unverified" },
      ] as unknown as ChatResponse["figures"],
      mode: "llm",
      unverifiedFigures: ["95"],
    }));
    await ask(page, question, 0);
    const answer = page.locator(".rc-message-assistant").first();
    expect(await answer.locator(".rc-figure-unverified").count()).toBe(1);
    expect(await answer.locator(".rc-figure-unverified").getAttribute("data-figure")).toBe("95");
    expect(await answer.locator(".rc-figure-unverified").textContent()).toContain("未经核实");
    expect(await answer.locator(".rc-figure-derived").getAttribute("title")).toContain("12.777 − 12.705 = 0.072");
    // One marker per sentence: "[1]" said twice in the sentence shows once.
    expect(await answer.locator(".rc-marker").count()).toBe(1);
    await answer.locator(".rc-marker").first().click();
    const marks = await page.locator(".rc-passage.rc-active mark.rc-figure").allTextContents();
    expect(marks).toEqual(["12.777"]);
    await captureState(page, "chat-page-figure-statuses");
  });

  it("scrolls the passage panel, and the phone's sheet, to the highlighted figure of a long passage", async () => {
    const filler = Array.from({ length: 40 }, (_, index) => `说明文字第 ${index + 1} 行，用来把数字推到段落的后面。`);
    const text = [...filler, "两年期实际支出总额为 12.777 亿美元。"].join("\n");
    const start = text.indexOf("12.777");
    for (const [name, viewport] of [
      ["chat-page-long-passage-desktop", desktop],
      ["chat-page-long-passage-phone", phone],
    ] as const) {
      const { page } = await openPage({ viewport });
      await answerWith(page, () => ({
        answer: "两年期实际支出总额为 12.777 亿美元[1]。",
        found: true,
        citations: [{ id: 1, chunkId: "r#7", text, section: "第一部分 > 预算和支出重点", score: 1 }],
        figures: [
          {
            value: "12.777",
            unit: "亿美元",
            citation: 1,
            status: "verified",
            source: { citation: 1, span: "12.777", start },
          },
        ] as unknown as ChatResponse["figures"],
        mode: "extractive",
      }));
      await ask(page, question, 0);
      await page.locator(".rc-message-assistant .rc-marker").first().click();
      await page.locator(".rc-passage.rc-active mark.rc-figure").waitFor();
      await expect
        .poll(() =>
          page.locator(".page-sources").evaluate((panel) => {
            const mark = panel.querySelector(".rc-passage.rc-active mark.rc-figure")!.getBoundingClientRect();
            const box = panel.getBoundingClientRect();
            return { scrolled: panel.scrollTop > 0, visible: mark.top >= box.top && mark.bottom <= box.bottom };
          }),
        )
        .toEqual({ scrolled: true, visible: true });
      await captureState(page, name);
      await browser.closeAll();
    }
  });

  it("shows how a follow-up was understood, and only for follow-ups", async () => {
    const { page } = await openPage({ path: "/?lang=en" });
    const base: ChatResponse = {
      answer: "The regular budget was 62% [1].",
      found: true,
      citations: [{ id: 1, chunkId: "r#1", text: "其中 62%为分摊会费。", section: "第一部分 > 预算", score: 1 }],
      figures: [],
      mode: "extractive",
    };
    let resolvedQuery = "What was the total expenditure?";
    await answerWith(page, () => ({ ...base, resolvedQuery }));
    await ask(page, "What was the total expenditure?", 0);
    resolvedQuery = "What share of the total expenditure was the regular budget?";
    await ask(page, "And the regular budget?", 1);
    resolvedQuery = "and the regular budget";
    await ask(page, "And the regular budget?", 2);
    const understood = await page
      .locator(".rc-turn")
      .evaluateAll((turns) => turns.map((turn) => turn.querySelector(".rc-understood")?.textContent ?? null));
    expect(understood).toEqual([
      null,
      "Understood as: What share of the total expenditure was the regular budget?",
      null,
    ]);
  });

  it("offers the closest sections of a not-found answer as questions, without a copy button", async () => {
    const { page } = await openPage();
    await answerWith(page, () => ({
      answer: "报告中没有找到这个问题的答案。最接近的内容在：成果目标 > 预算和支出；附录 I > 详细财务数据。",
      found: false,
      citations: [],
      figures: [],
      mode: "extractive",
    }));
    await ask(page, "火星上的办事处有多少？", 0);
    const answer = page.locator(".rc-message-assistant").first();
    expect(await answer.locator(".rc-copy").count()).toBe(0);
    expect(await answer.locator(".rc-closest .rc-link-button").allTextContents()).toEqual([
      "成果目标 > 预算和支出",
      "附录 I > 详细财务数据",
    ]);
    await captureState(page, "chat-page-not-found");
    await page.unroute("**/api/chat");
    await answer.locator(".rc-closest .rc-link-button").nth(1).click();
    await page.locator(".rc-message-assistant.rc-state-done").nth(1).waitFor();
    expect(await page.locator(".rc-message-user").nth(1).textContent()).toContain("附录 I > 详细财务数据");
  });

  it("suggests follow-ups from the cited sections, regenerates, edits the last question and counts characters", async () => {
    const { page } = await openPage();
    await ask(page, question, 0);
    const suggestions = page.locator(".rc-suggestion");
    const count = await suggestions.count();
    // Two or three: the cited section, then the sections that hold it.
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(3);
    const suggested = (await suggestions.first().textContent()) ?? "";
    await suggestions.first().click();
    await page.locator(".rc-message-assistant.rc-state-done").nth(1).waitFor();
    expect(await page.locator(".rc-message-user").nth(1).textContent()).toContain(suggested);

    const before = await page.locator(".rc-turn").count();
    await page.locator(".rc-turn").last().locator(".rc-regenerate").click();
    await page.locator(".rc-turn").last().locator(".rc-message-assistant.rc-state-done").waitFor();
    expect(await page.locator(".rc-turn").count()).toBe(before);

    await page.locator(".rc-turn").last().locator(".rc-edit").click();
    expect(await page.locator(".rc-turn").count()).toBe(before - 1);
    expect(await page.locator(".rc-input").inputValue()).toBe(suggested);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("rc-input");

    expect(await page.locator(".rc-counter").isVisible()).toBe(false);
    await page.locator(".rc-input").fill("问".repeat(1900));
    expect(await page.locator(".rc-counter").textContent()).toBe("1900 / 2000 字");
    await page.locator(".rc-input").fill("问".repeat(2100));
    expect(await page.locator(".rc-counter").textContent()).toBe("2000 / 2000 字");
    await captureState(page, "chat-page-counter");
  });

  it("sends 👍 at once and 👎 with a comment, and keeps the conversation in the site's other tabs until cleared", async () => {
    const { page, context } = await openPage();
    await ask(page, question, 0);
    const posted: unknown[] = [];
    page.on("request", (request) => {
      if (request.url().endsWith("/api/feedback")) posted.push(request.postDataJSON());
    });
    await page.locator(".rc-rate-up").first().click();
    await page.locator(".rc-feedback-thanks").first().waitFor();
    await ask(page, followUp, 1);
    await page.locator(".rc-turn").nth(1).locator(".rc-rate-down").click();
    await page.locator(".rc-comment").fill("没有回答经常预算的比例");
    await captureState(page, "chat-page-feedback-comment");
    await page.locator(".rc-comment-send").click();
    await page.locator(".rc-turn").nth(1).locator(".rc-feedback-thanks").waitFor();
    await expect.poll(() => posted.length).toBe(2);
    expect(posted[0]).toMatchObject({ rating: "up", question });
    expect(posted[1]).toMatchObject({ rating: "down", question: followUp, comment: "没有回答经常预算的比例" });

    const otherTab = await context.newPage();
    await otherTab.goto(`${api.url}/`);
    await otherTab.locator(".rc-chat").waitFor();
    expect(await otherTab.locator(".rc-message-user").count()).toBe(2);
    expect(await otherTab.locator(".rc-feedback-thanks").count()).toBe(2);
    await otherTab.locator(".rc-new").click();
    await expect.poll(() => page.locator(".rc-message-user").count()).toBe(0);
  });
});

describe("chat page with API_KEYS set", () => {
  it("answers through a short-lived page token that opens neither insights nor the OpenAI API", async () => {
    const keyed = await startTestServer({ API_KEYS: "owner-secret" });
    try {
      const html = await (await fetch(`${keyed.url}/`)).text();
      const token = /<meta name="report-chat-page-token" content="([^"]+)">/.exec(html)?.[1];
      expect(token).toMatch(/^pt1\./);
      const bearer = { authorization: `Bearer ${token}`, "content-type": "application/json" };
      expect(
        (await fetch(`${keyed.url}/api/chat`, { method: "POST", headers: bearer, body: JSON.stringify({ question }) }))
          .status,
      ).toBe(200);
      expect((await fetch(`${keyed.url}/api/insights`, { headers: bearer })).status).toBe(401);
      expect((await fetch(`${keyed.url}/v1/models`, { headers: bearer })).status).toBe(401);
      expect(
        (
          await fetch(`${keyed.url}/api/chat`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ question }),
          })
        ).status,
      ).toBe(401);
      const forged = `${token!.slice(0, -4)}AAAA`;
      expect(
        (
          await fetch(`${keyed.url}/api/chat`, {
            method: "POST",
            headers: { ...bearer, authorization: `Bearer ${forged}` },
            body: JSON.stringify({ question }),
          })
        ).status,
      ).toBe(401);
      // Another site's page cannot use a token it scraped: the browser names its origin.
      expect(
        (
          await fetch(`${keyed.url}/api/chat`, {
            method: "POST",
            headers: { ...bearer, origin: "https://elsewhere.example", "sec-fetch-site": "cross-site" },
            body: JSON.stringify({ question }),
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await fetch(`${keyed.url}/api/chat`, {
            method: "POST",
            headers: { ...bearer, "sec-fetch-site": "cross-site" },
            body: JSON.stringify({ question }),
          })
        ).status,
      ).toBe(401);

      // Behind a proxy that rewrites Host, the browser's Sec-Fetch-Site still says the page is this site's own.
      const proxied = await startTestServer({ API_KEYS: "owner-secret", ALLOWED_ORIGINS: "https://report.example" });
      try {
        const proxiedHtml = await (await fetch(`${proxied.url}/`)).text();
        const proxiedToken = /name="report-chat-page-token" content="([^"]+)"/.exec(proxiedHtml)?.[1];
        const viaProxy = await fetch(`${proxied.url}/api/chat`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${proxiedToken}`,
            "content-type": "application/json",
            origin: "https://report.example",
            "sec-fetch-site": "same-origin",
          },
          body: JSON.stringify({ question }),
        });
        expect(viaProxy.status).toBe(200);
      } finally {
        await proxied.close();
      }

      const { page, problems } = await browser.open(`${keyed.url}/`, { enforceCsp: true, waitFor: ".rc-chat" });
      await ask(page, question, 0);
      expect(await page.locator(".rc-message-assistant .rc-marker").count()).toBeGreaterThan(0);
      // A token that has gone stale is renewed from /page-token and the question still answered.
      const renewals: number[] = [];
      page.on("response", (response) => {
        if (response.url().endsWith("/page-token")) renewals.push(response.status());
      });
      await page.route(`${keyed.url}/`, async (route) => {
        const served = await route.fetch();
        const body = (await served.text()).replace(/(name="report-chat-page-token" content=")[^"]+/u, "$1pt1.1.stale");
        await route.fulfill({ response: served, body });
      });
      await page.reload();
      await ask(page, followUp, 1);
      expect(renewals).toEqual([200]);
      await page.locator(".rc-rate-up").last().click();
      await page.locator(".rc-feedback-thanks").last().waitFor();
      await saveScreenshot(page, "chat-page-api-keys");

      // A renewal refused for too many tokens counts down like any 429, Send disabled until it ends.
      await page.route("**/page-token", (route) =>
        route.fulfill({
          status: 429,
          headers: { "retry-after": "9", "content-type": "application/json" },
          body: JSON.stringify({ error: { code: "rate_limited", message: "Too many page tokens" } }),
        }),
      );
      await page.reload();
      await page.locator(".rc-input").fill(question);
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator(".rc-turn").last().locator(".rc-error").count()).toBe(1);
      expect(await page.locator(".rc-turn").last().locator(".rc-error").textContent()).toMatch(/[89] 秒/u);
      expect(await page.locator(".rc-send").isDisabled()).toBe(true);
      // The browser logs each refused request (the stale token's 401, the renewal's 429); nothing else went wrong.
      expect(problems.filter((problem) => !/\b(401|429)\b/u.test(problem))).toEqual([]);
      const insights = await fetch(`${keyed.url}/api/insights`, { headers: { authorization: "Bearer owner-secret" } });
      expect(insights.status).toBe(200);
      const body = (await insights.json()) as { days: Array<{ questions: number; thumbsUp: number }> };
      // One question asked with the token by hand above, two in the page.
      expect(body.days[0]).toMatchObject({ questions: 3, thumbsUp: 1 });
    } finally {
      await keyed.close();
    }
  });
});
