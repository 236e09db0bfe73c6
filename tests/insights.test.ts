import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import Database from "libsql";
import { describe, expect, it } from "vitest";
import { type Insights, InsightsStore } from "../src/store/insights-store.js";
import { captureState, phone, useBrowserPages } from "./helpers/browser-pages.js";
import { startTestServer } from "./helpers/start-test-server.js";

const question = "2018-2019 两年期实际支出总额是多少？";
const followUp = "其中经常预算占多少？";
const unanswerable = "木星有多少颗卫星？";

const browser = useBrowserPages();

async function temporaryDatabase(): Promise<string> {
  return path.join(await mkdtemp(path.join(os.tmpdir(), "report-chat-insights-")), "insights.db");
}

/** Every byte SQLite keeps for the database: the file and its write-ahead log. */
async function databaseBytes(file: string): Promise<string> {
  const folder = path.dirname(file);
  const names = (await readdir(folder)).filter((name) => name.startsWith(path.basename(file)));
  const parts = await Promise.all(names.map((name) => readFile(path.join(folder, name))));
  return Buffer.concat(parts).toString("utf8");
}

type InsightsBody = Insights & { periodDays: number };

describe("feedback and insights", () => {
  it("stores readers' 👍/👎 and questions, and shows them after a server restart, on /api/insights and /insights", async () => {
    const databasePath = await temporaryDatabase();
    const first = await startTestServer({ DATABASE_PATH: databasePath });
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${first.url}/`);
      const ask = async (text: string, index: number) => {
        await page.locator(".rc-input").fill(text);
        await page.keyboard.press("Enter");
        await page.locator(".rc-message-assistant.rc-state-done").nth(index).waitFor();
      };
      await ask(question, 0);
      await page.locator(".rc-turn").nth(0).locator(".rc-rate-up").click();
      await ask(followUp, 1);
      await page.locator(".rc-turn").nth(1).locator(".rc-rate-down").click();
      await page.locator(".rc-comment").fill("没有给出比例");
      await page.locator(".rc-comment-send").click();
      await page.locator(".rc-feedback-thanks").nth(1).waitFor();
      // Each in a new conversation, so neither is read as a follow-up.
      for (let time = 0; time < 2; time += 1) {
        await page.locator(".rc-new").click();
        await ask(unanswerable, 0);
        expect(await page.locator(".rc-not-found").count()).toBe(1);
      }
    } finally {
      await first.close();
    }

    const second = await startTestServer({ DATABASE_PATH: databasePath, API_KEYS: "owner-secret" });
    try {
      expect((await fetch(`${second.url}/api/insights`)).status).toBe(401);
      const response = await fetch(`${second.url}/api/insights?days=7`, {
        headers: { authorization: "Bearer owner-secret" },
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const insights = (await response.json()) as InsightsBody;
      expect(insights.periodDays).toBe(7);
      expect(insights.days).toHaveLength(1);
      expect(insights.days[0]).toMatchObject({ questions: 4, answered: 2, notFound: 2, thumbsUp: 1, thumbsDown: 1 });
      expect(insights.topUnanswered).toEqual([{ question: unanswerable, count: 2 }]);
      expect(insights.thumbsDown).toHaveLength(1);
      expect(insights.thumbsDown[0]).toMatchObject({ question: followUp, comment: "没有给出比例" });
      expect(insights.thumbsDown[0].answer.length).toBeGreaterThan(0);

      const page = await context.newPage();
      await page.goto(`${second.url}/insights`);
      await page.locator("#insights-status").filter({ hasText: "401" }).waitFor();
      await page.locator("#insights-key").fill("owner-secret");
      await page.locator("#insights-form button").click();
      await page.locator(".insights-table").first().waitFor();
      const dayRow = await page
        .locator(".insights-table")
        .first()
        .locator("tbody tr")
        .first()
        .locator("td")
        .allTextContents();
      expect(dayRow.slice(1)).toEqual(["4", "2", "2", "1", "1"]);
      expect(await page.locator("#insights-report").textContent()).toContain(unanswerable);
      expect(await page.locator("#insights-report").textContent()).toContain("没有给出比例");
      await captureState(page, "insights-page");
      await page.setViewportSize(phone);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phone.width);
      await captureState(page, "insights-page-phone");
      // Keys and client addresses are never written to the database.
      const bytes = await databaseBytes(databasePath);
      expect(bytes).not.toContain("owner-secret");
      expect(bytes).not.toContain("127.0.0.1");
    } finally {
      await second.close();
    }
  });

  it("refuses the page token and public keys on /api/insights: they are for readers, not the site owner", async () => {
    const server = await startTestServer({
      API_KEYS: "owner-secret",
      PUBLIC_API_KEYS: "widget-public",
      ALLOWED_ORIGINS: "https://site.example",
    });
    try {
      const html = await (await fetch(`${server.url}/`)).text();
      const token = /name="report-chat-page-token" content="([^"]+)"/.exec(html)?.[1];
      expect(
        (await fetch(`${server.url}/api/insights`, { headers: { authorization: `Bearer ${token}` } })).status,
      ).toBe(401);
      const withPublicKey = await fetch(`${server.url}/api/insights`, {
        headers: { authorization: "Bearer widget-public", origin: "https://site.example" },
      });
      expect(withPublicKey.status).toBe(403);
      expect(((await withPublicKey.json()) as { error: { code: string } }).error.code).toBe("forbidden");
      // The page token does let a reader give feedback.
      const feedback = await fetch(`${server.url}/api/feedback`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ rating: "up", question, answer: "……" }),
      });
      expect(feedback.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it("validates feedback like every route: a clear 400 and nothing stored", async () => {
    const server = await startTestServer({ RATE_LIMIT_CHAT: "200" });
    try {
      const post = (body: string) =>
        fetch(`${server.url}/api/feedback`, { method: "POST", headers: { "content-type": "application/json" }, body });
      const bad = [
        JSON.stringify({ rating: "meh", question, answer: "a" }),
        JSON.stringify({ rating: "up", question: "  ", answer: "a" }),
        JSON.stringify({ rating: "down", question, answer: "a", comment: "x".repeat(1001) }),
        JSON.stringify({ rating: "up", question, answer: "a", ip: "1.2.3.4" }),
        JSON.stringify({ rating: "up", question: "q".repeat(2001), answer: "a" }),
        "[1,2",
        "null",
      ];
      for (const body of bad) {
        const response = await post(body);
        expect(response.status).toBe(400);
        const error = ((await response.json()) as { error: { code: string; message: string } }).error;
        expect(error.code).toMatch(/invalid_request|malformed_json/);
        expect(error.message.length).toBeGreaterThan(0);
      }
      expect((await fetch(`${server.url}/api/insights?days=0`)).status).toBe(400);
      expect((await fetch(`${server.url}/api/insights?days=abc`)).status).toBe(400);
      const insights = (await (await fetch(`${server.url}/api/insights`)).json()) as InsightsBody;
      expect(insights.days).toEqual([]);

      // Many at once: every one is stored.
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, index) =>
          post(JSON.stringify({ rating: index % 3 ? "up" : "down", question, answer: "a" })),
        ),
      );
      expect(responses.every((response) => response.status === 201)).toBe(true);
      const after = (await (await fetch(`${server.url}/api/insights`)).json()) as InsightsBody;
      expect(after.days[0]).toMatchObject({ thumbsUp: 40, thumbsDown: 20 });
    } finally {
      await server.close();
    }
  });

  it("answers any body or query on the feedback and insights routes with 201/200 or a clear 4xx, never a 5xx", async () => {
    const server = await startTestServer({ RATE_LIMIT_CHAT: "10000" });
    try {
      const field = fc.oneof(fc.string(), fc.constantFrom("up", "down"), fc.integer(), fc.constant(null), fc.object());
      const body = fc.oneof(
        fc.record({ rating: field, question: field, answer: field, comment: field }, { requiredKeys: [] }),
        fc.jsonValue(),
        fc.string().map((text) => ({ raw: text })),
      );
      await fc.assert(
        fc.asyncProperty(body, fc.string(), async (value, days) => {
          const raw =
            typeof value === "object" && value !== null && "raw" in value ? String(value.raw) : JSON.stringify(value);
          const posted = await fetch(`${server.url}/api/feedback`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: raw,
          });
          expect([201, 400, 413, 415]).toContain(posted.status);
          if (posted.status !== 201)
            expect(((await posted.json()) as { error: { code: string } }).error.code).toBeTruthy();
          else await posted.body?.cancel();
          const read = await fetch(`${server.url}/api/insights?days=${encodeURIComponent(days)}`);
          expect([200, 400]).toContain(read.status);
          await read.body?.cancel();
        }),
        { numRuns: 150 },
      );
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("bounds feedback per client like answers, so the database cannot be flooded", async () => {
    const server = await startTestServer({ RATE_LIMIT_CHAT: "3" });
    try {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await fetch(`${server.url}/api/feedback`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ rating: "up", question, answer: "a" }),
        });
        statuses.push(response.status);
        if (response.status === 429) expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      }
      expect(statuses).toEqual([201, 201, 201, 429, 429]);
      const insights = (await (await fetch(`${server.url}/api/insights`)).json()) as InsightsBody;
      expect(insights.days[0].thumbsUp).toBe(3);
    } finally {
      await server.close();
    }
  });

  it("keeps no question text with LOG_QUESTIONS=false, only counts", async () => {
    const databasePath = await temporaryDatabase();
    const server = await startTestServer({ DATABASE_PATH: databasePath, LOG_QUESTIONS: "false" });
    try {
      const secretQuestion = "我的私人问题：木星有多少颗卫星？";
      await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question: secretQuestion }),
      });
      await fetch(`${server.url}/api/feedback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rating: "down", question: secretQuestion, answer: "没有", comment: "不好" }),
      });
      const insights = (await (await fetch(`${server.url}/api/insights`)).json()) as InsightsBody;
      expect(insights.days[0]).toMatchObject({ questions: 1, notFound: 1, thumbsDown: 1 });
      expect(insights.topUnanswered).toEqual([]);
      expect(insights.thumbsDown[0].question).toBeNull();
      expect(insights.questionTextKept).toBe(false);
      expect(await databaseBytes(databasePath)).not.toContain("我的私人问题");
    } finally {
      await server.close();
    }
  });

  it("survives kill -9 in the middle of writes: the file stays whole and every committed row is kept", async () => {
    const databasePath = await temporaryDatabase();
    const storeModule = path.resolve("src/store/insights-store.ts");
    const script = [
      `import { InsightsStore } from ${JSON.stringify(storeModule)};`,
      `const store = new InsightsStore({ path: ${JSON.stringify(databasePath)}, keepQuestionText: true });`,
      "let written = 0;",
      "for (;;) {",
      '  store.recordQuestion({ question: "question " + written, found: written % 2 === 0 });',
      "  written += 1;",
      '  if (written % 50 === 0) process.stdout.write(written + "\\n");',
      "}",
    ].join("\n");
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let reported = 0;
    await new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.stdout.on("data", (chunk: Buffer) => {
        const lines = chunk.toString().trim().split("\n");
        reported = Number(lines[lines.length - 1]);
        if (reported >= 500) resolve();
      });
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const check = new Database(databasePath);
    expect(check.prepare("PRAGMA integrity_check").get()).toMatchObject({ integrity_check: "ok" });
    const rows = (check.prepare("SELECT COUNT(*) AS count FROM questions").get() as { count: number }).count;
    check.close();
    expect(rows).toBeGreaterThanOrEqual(reported);
    const store = new InsightsStore({ path: databasePath, keepQuestionText: true });
    expect(store.insights(1).days[0].questions).toBe(rows);
    store.recordQuestion({ question: "after the crash", found: true });
    expect(store.insights(1).days[0].questions).toBe(rows + 1);
    store.close();
  });

  it("lets several processes write to one database at once without losing a row", async () => {
    const databasePath = await temporaryDatabase();
    const storeModule = path.resolve("src/store/insights-store.ts");
    const writer = (name: string) =>
      [
        `import { InsightsStore } from ${JSON.stringify(storeModule)};`,
        `const store = new InsightsStore({ path: ${JSON.stringify(databasePath)}, keepQuestionText: true });`,
        `for (let index = 0; index < 300; index += 1) store.recordQuestion({ question: "${name} " + index, ` +
          `found: true });`,
        `for (let index = 0; index < 100; index += 1) store.recordFeedback({ rating: "up", question: ` +
          `"${name}", answer: "a" });`,
        "store.close();",
      ].join("\n");
    const run = (name: string) =>
      new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", writer(name)], {
          stdio: ["ignore", "ignore", "inherit"],
        });
        child.on("error", reject);
        child.on("exit", resolve);
      });
    expect(await Promise.all([run("a"), run("b"), run("c")])).toEqual([0, 0, 0]);
    const store = new InsightsStore({ path: databasePath, keepQuestionText: true });
    expect(store.insights(1).days[0]).toMatchObject({ questions: 900, thumbsUp: 300 });
    store.close();
  });

  it("counts days by the store's clock and keeps only the asked period", () => {
    let now = Date.parse("2026-03-01T10:00:00Z");
    const store = new InsightsStore({ path: ":memory:", keepQuestionText: true, now: () => now });
    store.recordQuestion({ question: "a", found: true });
    now += 86_400_000;
    store.recordQuestion({ question: "b", found: false });
    store.recordFeedback({ rating: "down", question: "b", answer: "x".repeat(5000), comment: "  " });
    const insights = store.insights(1);
    expect(insights.days.map((day) => day.day)).toEqual(["2026-03-02"]);
    expect(insights.thumbsDown[0].comment).toBeNull();
    expect(insights.thumbsDown[0].answer.length).toBe(600);
    expect(store.insights(2).days.map((day) => day.day)).toEqual(["2026-03-02", "2026-03-01"]);
    store.close();
  });
});

describe("an unusable DATABASE_PATH", () => {
  it("leaves answers working, says so in the log, and has no feedback route", async () => {
    const { Writable } = await import("node:stream");
    const { createLogger } = await import("../src/logger.js");
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const folder = await mkdtemp(path.join(os.tmpdir(), "report-chat-insights-"));
    // A path below a regular file can never be created.
    const blocker = path.join(folder, "not-a-folder");
    await (await import("node:fs/promises")).writeFile(blocker, "x");
    const server = await startTestServer(
      { DATABASE_PATH: path.join(blocker, "insights.db") },
      createLogger({ level: "error", destination }),
    );
    try {
      const answer = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ question }),
      });
      expect(answer.status).toBe(200);
      expect(lines.join("")).toContain("cannot open the database (DATABASE_PATH)");
      const feedback = await fetch(`${server.url}/api/feedback`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ rating: "up", question, answer: "a" }),
      });
      expect(feedback.status).toBe(404);
      // The page does not pretend the feedback was kept.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      await page.locator(".rc-input").fill(question);
      await page.keyboard.press("Enter");
      await page.locator(".rc-rate-up").click();
      await page.locator(".rc-feedback-failed").waitFor();
      expect(await page.locator(".rc-feedback-thanks").count()).toBe(0);
      await context.close();
    } finally {
      await server.close();
    }
  });
});
