/**
 * The interface names whichever report is ingested: the page's title and heading, its description
 * and placeholder, the widget's header, and example questions made from the report's own headings,
 * tables and topics, every one of which the assistant answers. Each report is served alone.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse } from "../src/types.js";
import type { ReportIdentity } from "../src/web/report-identity.js";
import { answerOf } from "./helpers/answer-of.js";
import { type HostPageServer, launchChromium, startHostPageServer } from "./helpers/browser.js";
import { type FixtureReportServer, serveFixtureReports } from "./helpers/serve-fixture-reports.js";
import { startTestServer } from "./helpers/start-test-server.js";

interface ServedReport {
  url: string;
  close(): Promise<void>;
}

/** Words of the ILO report that no other report's interface may show. */
const ILO_WORDS = /劳工|成果目标|ILO|Labour Organization|计划执行/u;

async function identityOf(report: ServedReport): Promise<ReportIdentity> {
  const response = await fetch(`${report.url}/api/report`);
  expect(response.status).toBe(200);
  return (await response.json()) as ReportIdentity;
}

async function ask(report: ServedReport, question: string): Promise<ChatResponse> {
  return answerOf(report.url, { question });
}

async function pageHtml(report: ServedReport, language: "zh" | "en"): Promise<string> {
  return (await fetch(`${report.url}/?lang=${language}`)).text();
}

const reports: Array<{
  name: string;
  language: "zh" | "en";
  title: string;
  shortTitle: string;
  serve: (env?: Record<string, string>) => Promise<ServedReport>;
  englishExamples: boolean;
}> = [
  {
    name: "the ILO report (Chinese text)",
    language: "zh",
    title: "国际劳工组织 2018-2019 年计划执行报告",
    shortTitle: "2018-2019 年计划执行报告",
    serve: (env) => startTestServer(env),
    englishExamples: true,
  },
  {
    name: "2018 政府工作报告 (Chinese text)",
    language: "zh",
    title: "2018政府工作报告",
    shortTitle: "2018政府工作报告",
    serve: (env) => serveFixtureReports(["gwr-2018-zh/report.txt"], env),
    englishExamples: false,
  },
  {
    name: "Report on the Work of the Government 2019 (English text)",
    language: "en",
    title: "Report on the Work of the Government",
    shortTitle: "Report on the Work of the Government",
    serve: (env) => serveFixtureReports(["gwr-2019-en/report.txt"], env),
    englishExamples: true,
  },
  {
    name: "淮安市 2024 年政府信息公开工作年度报告 (Chinese PDF)",
    language: "zh",
    title: "淮安市人民政府 2024 年政府信息公开工作年度报告",
    shortTitle: "2024 年政府信息公开工作年度报告",
    serve: (env) => serveFixtureReports(["huaian-gov-info-2024/report.pdf"], env),
    englishExamples: false,
  },
];

describe.each(reports)("$name", ({ language, title, shortTitle, serve, englishExamples }) => {
  let report: ServedReport;
  let identity: ReportIdentity;
  beforeAll(async () => {
    report = await serve();
    identity = await identityOf(report);
  });
  afterAll(() => report?.close());

  it("names the report in the page's title and heading, in both interface languages", async () => {
    for (const interfaceLanguage of ["zh", "en"] as const) {
      const html = await pageHtml(report, interfaceLanguage);
      const appName = interfaceLanguage === "zh" ? "报告问答" : "Ask the report";
      expect(html).toContain(`<title>${appName} · ${title}</title>`);
      expect(html).toContain(`>${title}</h1>`);
      expect(identity[interfaceLanguage].reportTitle).toBe(title);
      expect(identity[interfaceLanguage].shortTitle).toBe(shortTitle);
      expect(identity[interfaceLanguage].placeholder).toContain(shortTitle);
    }
  });

  it("describes the report from its own opening and topics", () => {
    const description = identity[language].description;
    expect(description.length).toBeGreaterThan(40);
    // Its first sentence is the report's own, found in its opening passages.
    expect(description).toMatch(language === "zh" ? /^[^。]{10,}。/u : /^[^.]{10,}\./u);
    expect(description).toContain(language === "zh" ? "主要内容：" : "Main parts: ");
  });

  it("offers examples in the report's language (and English where it has the terms), each answered", async () => {
    const inOwnLanguage = identity.examples.filter((example) => example.language === language);
    expect(inOwnLanguage.length).toBeGreaterThanOrEqual(2);
    expect(identity.examples.some((example) => example.language === "en")).toBe(englishExamples);
    for (const example of identity.examples) {
      const answer = await ask(report, example.text);
      expect(answer.found, example.text).toBe(true);
      expect(answer.citations.length, example.text).toBeGreaterThan(0);
    }
  });

  if (!title.includes("劳工")) {
    it("shows none of the ILO report's words", async () => {
      expect(JSON.stringify(identity)).not.toMatch(ILO_WORDS);
      expect(await pageHtml(report, "zh")).not.toMatch(ILO_WORDS);
    });
  }
});

describe("in a browser", () => {
  let browser: Browser;
  let host: HostPageServer;
  let report: FixtureReportServer;
  let identity: ReportIdentity;
  beforeAll(async () => {
    host = await startHostPageServer();
    report = await serveFixtureReports(["gwr-2019-en/report.txt"], { ALLOWED_ORIGINS: host.origin });
    identity = await identityOf(report);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await report?.close();
    await host?.close();
  });

  it("the chat page shows the report's description, placeholder and examples, and answers one", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${report.url}/?lang=en`);
      expect(await page.locator("h1").textContent()).toBe("Report on the Work of the Government");
      expect(await page.locator(".page-intro-text").textContent()).toBe(identity.en.description);
      expect(await page.locator(".rc-input").getAttribute("placeholder")).toBe(identity.en.placeholder);
      const examples = await page.locator(".rc-example").allTextContents();
      expect(examples).toEqual(identity.examples.map((example) => example.text));
      await page.locator(".rc-example").first().click();
      await page.locator(".rc-message-assistant.rc-state-done").waitFor();
      expect(await page.locator(".rc-message-assistant .rc-marker").count()).toBeGreaterThan(0);
    } finally {
      await context.close();
    }
  });

  it("the widget's header, placeholder and examples name the report, in either language", async () => {
    const chinese = await serveFixtureReports(["huaian-gov-info-2024/report.pdf"], { ALLOWED_ORIGINS: host.origin });
    try {
      for (const [served, language] of [
        [report, "en"],
        [chinese, "zh"],
      ] as const) {
        const own = await identityOf(served);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          const page = await context.newPage();
          await page.goto(host.embedUrl(served.url, { lang: language }, language === "zh" ? "zh-CN" : "en"));
          await page.locator(".rc-bubble").click();
          await page.locator(".rc-example").first().waitFor();
          expect(await page.locator(".rc-title").textContent()).toBe(own[language].shortTitle);
          expect(await page.locator(".rc-input").getAttribute("placeholder")).toBe(own[language].placeholder);
          const shown = await page.locator(".rc-example").allTextContents();
          expect([...shown].sort()).toEqual(own.examples.map((example) => example.text).sort());
        } finally {
          await context.close();
        }
      }
    } finally {
      await chinese.close();
    }
  });
});
