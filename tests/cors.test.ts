import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../src/logger.js";
import { startTestServer } from "./helpers/start-test-server.js";

const allowedOrigin = "https://site.example.org";
const otherOrigin = "https://elsewhere.example.com";
const chatBody = JSON.stringify({ messages: [{ role: "user", content: "2018-2019 两年期实际支出总额是多少？" }] });

let api: { url: string; close(): Promise<void> };
const logLines: string[] = [];

beforeAll(async () => {
  const destination = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(...String(chunk).split("\n").filter(Boolean));
      callback();
    },
  });
  api = await startTestServer(
    { ALLOWED_ORIGINS: `${allowedOrigin}, http://localhost:9999`, LOG_LEVEL: "warn" },
    createLogger({ level: "warn", destination }),
  );
});

afterAll(async () => {
  await api?.close();
});

function preflight(origin: string): Promise<Response> {
  return fetch(`${api.url}/api/chat`, {
    method: "OPTIONS",
    headers: {
      Origin: origin,
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "content-type",
    },
  });
}

function postChat(origin?: string): Promise<Response> {
  return fetch(`${api.url}/api/chat`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...(origin ? { Origin: origin } : {}) },
    body: chatBody,
  });
}

describe("CORS", () => {
  it("answers a preflight from an allowed origin", async () => {
    const response = await preflight(allowedOrigin);
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toMatch(/Content-Type.*Authorization.*Accept/);
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);
    expect(response.headers.get("vary")).toMatch(/Origin/);
  });

  it("lets an allowed origin call the API and read Retry-After", async () => {
    const response = await postChat(allowedOrigin);
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(allowedOrigin);
    expect(response.headers.get("access-control-expose-headers")).toContain("Retry-After");
    expect(((await response.json()) as { answer: string }).answer.length).toBeGreaterThan(0);
  });

  it("passes same-origin requests and requests without Origin untouched", async () => {
    const sameOrigin = await postChat(api.url);
    expect(sameOrigin.status).toBe(200);
    expect(sameOrigin.headers.get("access-control-allow-origin")).toBeNull();
    const withoutOrigin = await postChat();
    expect(withoutOrigin.status).toBe(200);
  });

  it("refuses a disallowed origin with no CORS headers, and logs why", async () => {
    const refusedPreflight = await preflight(otherOrigin);
    expect(refusedPreflight.status).toBe(403);
    expect(refusedPreflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(await refusedPreflight.json()).toEqual({
      error: { code: "origin_not_allowed", message: expect.stringContaining(otherOrigin) },
    });

    const refusedCall = await postChat(otherOrigin);
    expect(refusedCall.status).toBe(403);
    expect(refusedCall.headers.get("access-control-allow-origin")).toBeNull();

    const warning = logLines
      .map((line) => JSON.parse(line) as { level: number; origin?: string; msg: string })
      .find((entry) => entry.origin === otherOrigin);
    expect(warning?.level).toBe(40);
    expect(warning?.msg).toContain("ALLOWED_ORIGINS");
  });

  it("still serves the embed script to any page, without CORS headers for a disallowed origin", async () => {
    const response = await fetch(`${api.url}/widget.js`, { headers: { Origin: otherOrigin } });
    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
