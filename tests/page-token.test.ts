import { describe, expect, it } from "vitest";
import { PageTokens } from "../src/http/page-token.js";
import { startTestServer } from "./helpers/start-test-server.js";

describe("page tokens", () => {
  it("are accepted by their issuer until they expire, by the issuer's clock", () => {
    let now = Date.parse("2026-05-01T12:00:00Z");
    const tokens = new PageTokens({ secret: "s", lifetimeMs: 60_000, now: () => now });
    const { token, expiresAt } = tokens.issue();
    expect(expiresAt).toBe(now + 60_000);
    expect(tokens.verify(token)).toBe(true);
    now += 59_000;
    expect(tokens.verify(token)).toBe(true);
    now += 1_000;
    expect(tokens.verify(token)).toBe(false);
  });

  it("refuse tokens signed with another secret, altered, or malformed", () => {
    const now = () => Date.parse("2026-05-01T12:00:00Z");
    const tokens = new PageTokens({ secret: "one", now });
    const other = new PageTokens({ secret: "two", now });
    const { token } = other.issue();
    expect(tokens.verify(token)).toBe(false);
    const own = tokens.issue().token;
    const [prefix, expiry, signature] = own.split(".");
    expect(tokens.verify(`${prefix}.${Number(expiry) + 3600}.${signature}`)).toBe(false);
    for (const malformed of ["", "pt1", "pt1..", `pt1.${expiry}.`, `${own}x`, `pt2.${expiry}.${signature}`]) {
      expect(tokens.verify(malformed)).toBe(false);
    }
    // Without a secret each process signs with its own random one.
    expect(new PageTokens({ now }).verify(new PageTokens({ now }).issue().token)).toBe(false);
  });
});

describe("GET /page-token on a listening server", () => {
  it("has a budget of its own per client: past it a clear 429 with Retry-After, while answers go on", async () => {
    const server = await startTestServer({ API_KEYS: "owner-secret", RATE_LIMIT_CHAT: "3", RATE_LIMIT_OTHER: "50" });
    try {
      const statuses: number[] = [];
      let refusal: Response | undefined;
      for (let request = 0; request < 5; request += 1) {
        const response = await fetch(`${server.url}/page-token`);
        statuses.push(response.status);
        if (response.status === 429) refusal ??= response;
        else await response.body?.cancel();
      }
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      expect(Number(refusal!.headers.get("retry-after"))).toBeGreaterThan(0);
      const body = (await refusal!.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("rate_limited");
      expect(body.error.message).toMatch(/page tokens/u);

      // The page still loads with a fresh token, and that token still answers: the other budgets are untouched.
      const html = await (await fetch(`${server.url}/`)).text();
      const token = /name="report-chat-page-token" content="([^"]+)"/u.exec(html)?.[1];
      const answer = await fetch(`${server.url}/api/chat`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ question: "预算总额是多少？" }),
      });
      expect(answer.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("does not spend the budget of every other request", async () => {
    const server = await startTestServer({ API_KEYS: "owner-secret", RATE_LIMIT_OTHER: "2" });
    try {
      for (let request = 0; request < 4; request += 1) {
        expect((await fetch(`${server.url}/page-token`)).status).toBe(200);
      }
      expect((await fetch(`${server.url}/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
