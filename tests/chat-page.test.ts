import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type HostPageServer, saveScreenshot, startHostPageServer } from "./helpers/browser.js";
import { captureState, phone, smallTapTargets, useBrowserPages } from "./helpers/browser-pages.js";
import { startTestServer } from "./helpers/start-test-server.js";

const question = "2018-2019 两年期实际支出总额是多少？";
const followUp = "其中经常预算占多少？";

let api: { url: string; close(): Promise<void> };
let otherHost: HostPageServer;
const browser = useBrowserPages();

beforeAll(async () => {
  otherHost = await startHostPageServer();
  api = await startTestServer();
});

afterAll(async () => {
  await api?.close();
  await otherHost?.close();
});

/**
 * The chat page at `path`. With `checkAccessibility`, each state is checked by axe (which needs the page's CSP
 * lifted); otherwise the CSP stays in force and any refusal shows in `problems`.
 */
function openChatPage(viewport: { width: number; height: number }, path = "/", checkAccessibility = false) {
  return browser.open(`${api.url}${path}`, { viewport, enforceCsp: !checkAccessibility, waitFor: ".rc-chat" });
}

/**
 * Clicks an example, checks the streamed answer, opens passage [1] in the side panel, then asks a follow-up.
 * `capture` records each state the reader sees.
 */
async function runConversation(
  page: Page,
  screenshotPrefix: string,
  capture: (page: Page, name: string) => Promise<unknown> = saveScreenshot,
): Promise<void> {
  await page.evaluate(() => {
    const record = { textWhileStreaming: "" };
    (window as unknown as { streamRecord: typeof record }).streamRecord = record;
    new MutationObserver((_, observer) => {
      const message = document.querySelector(".rc-message-assistant");
      const text = message?.querySelector(".rc-answer-text")?.textContent ?? "";
      if (text && !message?.classList.contains("rc-state-done")) {
        record.textWhileStreaming = text;
        observer.disconnect();
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  await page.locator(".rc-input").fill(question);
  await page.locator(".rc-input").press("Enter");
  const answer = page.locator(".rc-message-assistant").first();
  await answer.locator(".rc-marker").first().waitFor();
  await page.locator(".rc-message-assistant.rc-state-done").first().waitFor();
  // The reader sees the answer's first words before it is complete, and they are the start of the final answer.
  const textWhileStreaming = await page.evaluate(
    () => (window as unknown as { streamRecord: { textWhileStreaming: string } }).streamRecord.textWhileStreaming,
  );
  expect(textWhileStreaming.length).toBeGreaterThan(0);
  const finalText = (await answer.locator(".rc-answer-text").textContent()) ?? "";
  expect(finalText.startsWith(textWhileStreaming.slice(0, 4))).toBe(true);

  const onPhone = (page.viewportSize()?.width ?? 1280) < 600;
  expect(await page.locator(".page-sources .rc-passage").count()).toBeGreaterThan(0);
  // On a phone the passages wait in a closed bottom sheet; on a desktop they are beside the conversation.
  expect(await page.locator(".page-sources").isVisible()).toBe(!onPhone);
  const marker = answer.locator('.rc-marker[data-citation="1"]').first();
  await marker.click();
  const passage = page.locator('.page-sources .rc-passage.rc-active[data-citation="1"]');
  await passage.waitFor();
  expect(await passage.locator(".rc-section-path li").count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.activeElement?.className)).toBe("rc-passage-heading");
  // The page itself never scrolls: the passage opens in place, not ~1,000 px further down.
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await capture(page, `${screenshotPrefix}-passage`);
  if (onPhone) {
    // Polled: the sheet rises into place with a short animation.
    await expect
      .poll(async () => {
        const sheet = await page.locator(".page-sources").boundingBox();
        return sheet && Math.round(sheet.y + sheet.height);
      })
      .toBe(844);
    await capture(page, `${screenshotPrefix}-sheet`);
    expect(await page.locator(".page-sources").getAttribute("aria-modal")).toBe("true");
    await page.locator(".page-sources-close").click();
    expect(await page.locator(".page-sources").isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-citation"))).toBe("1");
    await marker.click();
    await passage.waitFor();
    await page.keyboard.press("Escape");
    expect(await page.locator(".page-sources").isVisible()).toBe(false);
    await capture(page, `${screenshotPrefix}-sheet-closed`);
  }

  await page.locator(".rc-input").fill(followUp);
  await page.keyboard.press("Enter");
  await page.locator(".rc-message-assistant.rc-state-done").nth(1).waitFor();
  await capture(page, `${screenshotPrefix}-follow-up`);
}

describe("chat page", () => {
  it("serves GET / without inline script, referring to hashed assets cached for good", async () => {
    const response = await fetch(`${api.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-cache");
    expect(response.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\son[a-z]+=|style="/);
    const scriptPath = /<script src="(\/assets\/page-[0-9a-f]{10}\.js)"/.exec(html)?.[1];
    const stylePath = /<link rel="stylesheet" href="(\/assets\/page-[0-9a-f]{10}\.css)"/.exec(html)?.[1];
    expect(scriptPath).toBeDefined();
    expect(stylePath).toBeDefined();

    const script = await fetch(`${api.url}${scriptPath}`);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const style = await fetch(`${api.url}${stylePath}`);
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    const etag = style.headers.get("etag")!;
    expect((await fetch(`${api.url}${stylePath}`, { headers: { "If-None-Match": etag } })).status).toBe(304);
    expect((await fetch(`${api.url}/assets/page-0000000000.js`)).status).toBe(404);

    const english = await (await fetch(`${api.url}/?lang=en`)).text();
    expect(english).toContain('<html lang="en">');
  });

  it("describes the report, offers example questions in Chinese and English, and answers with cited passages", async () => {
    const { page, problems } = await openChatPage({ width: 1280, height: 900 });
    expect(await page.locator("h1").textContent()).toContain("计划执行报告");
    const examples = await page
      .locator(".rc-example")
      .evaluateAll((buttons) => buttons.map((button) => button.getAttribute("lang")));
    expect(examples).toContain("zh-CN");
    expect(examples).toContain("en");
    expect(await page.locator(".rc-log").getAttribute("role")).toBe("log");
    expect((await page.locator(".page-header").boundingBox())!.height).toBeLessThanOrEqual(64);
    const input = (await page.locator(".rc-input").boundingBox())!;
    expect(input.y + input.height).toBeLessThanOrEqual(900);
    await saveScreenshot(page, "chat-page-start");
    await runConversation(page, "chat-page-desktop");

    await page.reload();
    expect(await page.locator(".rc-message-user").count()).toBe(2);
    await page.locator(".rc-new").click();
    expect(await page.locator(".rc-message-user").count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it("works on a phone-sized viewport and in English", async () => {
    const { page, problems } = await openChatPage(phone, "/?lang=en", true);
    expect(await page.locator(".rc-send").textContent()).toBe("Send");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // A one-line header, and the question box on screen without scrolling, at 16 px or more.
    expect((await page.locator(".page-header").boundingBox())!.height).toBeLessThanOrEqual(56);
    const input = (await page.locator(".rc-input").boundingBox())!;
    expect(input.y + input.height).toBeLessThanOrEqual(844);
    expect(input.y).toBeGreaterThan(600);
    expect(
      await page.locator(".rc-input").evaluate((element) => parseFloat(getComputedStyle(element).fontSize)),
    ).toBeGreaterThanOrEqual(16);
    expect(await smallTapTargets(page)).toEqual([]);
    await captureState(page, "chat-page-phone-start");
    await runConversation(page, "chat-page-phone", captureState);
    // Every control of the answers, the citation markers in the text included, takes a 44 px tap.
    expect(await smallTapTargets(page)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("refuses the API to a page on an origin that is not allowed", async () => {
    const { page } = await browser.open(otherHost.plainUrl(api.url));
    const outcome = await page.evaluate(async (apiUrl) => {
      try {
        const response = await fetch(`${apiUrl}/api/chat`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ messages: [{ role: "user", content: "预算总额是多少？" }] }),
        });
        return `status ${response.status}`;
      } catch (error) {
        return `refused: ${(error as Error).name}`;
      }
    }, api.url);
    expect(outcome).toBe("refused: TypeError");
  });
});
