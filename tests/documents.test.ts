/**
 * The corpus documents served at `/documents/:id`: a PDF as the reader's browser opens it from a
 * citation's link (`/documents/report.pdf#page=N`), in byte ranges, revalidated by entity tag; and
 * nothing but the documents the index lists.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatResponse, SearchResult } from "../src/types.js";
import { launchChromium } from "./helpers/browser.js";
import { FIXTURE_REPORTS, type FixtureReportServer, serveFixtureReports } from "./helpers/serve-fixture-reports.js";

const PDF = path.join(FIXTURE_REPORTS, "huaian-gov-info-2024", "report.pdf");

let report: FixtureReportServer;
let pdfBytes: Buffer;

beforeAll(async () => {
  report = await serveFixtureReports(["huaian-gov-info-2024/report.pdf", "gwr-2018-zh/report.txt"]);
  pdfBytes = await readFile(PDF);
});

afterAll(() => report?.close());

describe("GET /documents/:id", () => {
  it("serves the PDF the index lists, inline, with an entity tag and the API's security headers", async () => {
    const response = await fetch(`${report.url}/documents/report.pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(/^inline; filename="report\.pdf"/u);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cross-origin-resource-policy")).toBe("same-origin");
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes)).toBe(true);

    const etag = response.headers.get("etag");
    expect(etag).toBeTruthy();
    // As a browser revalidates (fetch() itself would add `Cache-Control: no-cache`, which asks for the body).
    const again = await fetch(`${report.url}/documents/report.pdf`, {
      headers: { "if-none-match": etag ?? "", "cache-control": "max-age=0" },
    });
    expect(again.status).toBe(304);
  });

  it("answers a byte range with 206 and just those bytes", async () => {
    const response = await fetch(`${report.url}/documents/report.pdf`, { headers: { range: "bytes=100-199" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 100-199/${pdfBytes.length}`);
    expect(Buffer.from(await response.arrayBuffer()).equals(pdfBytes.subarray(100, 200))).toBe(true);
    const outside = await fetch(`${report.url}/documents/report.pdf`, {
      headers: { range: `bytes=${pdfBytes.length + 10}-` },
    });
    expect(outside.status).toBe(416);
  });

  it("serves a text document as UTF-8 text", async () => {
    const response = await fetch(`${report.url}/documents/report.txt`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await response.text()).toBe(await readFile(path.join(FIXTURE_REPORTS, "gwr-2018-zh", "report.txt"), "utf8"));
  });

  it.each([
    ["an unknown document", "/documents/other.pdf"],
    ["a path out of the corpus", "/documents/..%2F..%2Fpackage.json"],
    ["a dot path", "/documents/..%2Findex%2FCURRENT"],
  ])("answers %s with a 404 JSON error", async (_what, url) => {
    const response = await fetch(`${report.url}${url}`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("document_not_found");
  });

  it("counts against the budget of other requests", async () => {
    const limited = await serveFixtureReports(["huaian-gov-info-2024/report.pdf"], { RATE_LIMIT_OTHER: "2" });
    try {
      const statuses = [];
      for (let attempt = 0; attempt < 3; attempt += 1) {
        statuses.push((await fetch(`${limited.url}/documents/report.pdf`, { method: "HEAD" })).status);
      }
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe("links from a PDF's passages to their page", () => {
  it("gives search results and citations of the PDF the url of their page, and text passages none", async () => {
    const response = await fetch(`${report.url}/api/search?k=10&q=${encodeURIComponent("政府信息公开申请")}`);
    const { results } = (await response.json()) as { results: SearchResult[] };
    const fromPdf = results.filter((result) => result.document === "report.pdf");
    expect(fromPdf.length).toBeGreaterThan(0);
    for (const result of fromPdf) expect(result.url).toBe(`/documents/report.pdf#page=${result.page}`);
    for (const result of results.filter((item) => item.document === "report.txt")) expect(result.url).toBeUndefined();

    const chat = await fetch(`${report.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question: "收到政府信息公开申请多少件？", report: "report.pdf" }),
    });
    const answer = (await chat.json()) as ChatResponse;
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      expect(citation.page).toBeGreaterThanOrEqual(1);
      expect(citation.url).toBe(`/documents/report.pdf#page=${citation.page}`);
    }
    const linked = await fetch(`${report.url}${answer.citations[0].url?.replace(/#.*$/u, "")}`, { method: "HEAD" });
    expect(linked.status).toBe(200);
  });

  describe("in the chat page", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(() => browser?.close());

    it("shows the cited passage with a link to its page of the PDF", async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.goto(`${report.url}/`);
        await page.locator(".rc-input").fill("收到政府信息公开申请多少件？");
        await page.locator(".rc-input").press("Enter");
        const link = page.locator("#page-sources-list .rc-passage-document").first();
        await link.waitFor();
        const text = (await link.textContent()) ?? "";
        expect(text).toMatch(/^PDF 第 \d+ 页$/u);
        const pageNumber = text.match(/\d+/u)?.[0];
        expect(await link.getAttribute("href")).toBe(`${report.url}/documents/report.pdf#page=${pageNumber}`);
        expect(await link.getAttribute("target")).toBe("_blank");
      } finally {
        await context.close();
      }
    });
  });
});
