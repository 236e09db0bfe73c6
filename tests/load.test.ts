import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import autocannon from "autocannon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/** Each load run is short and bounded: this many seconds, on 127.0.0.1 only. */
const SECONDS = 2;
const CONNECTIONS = 32;

const QUESTIONS = [
  "经常预算的交付率是多少？",
  "成果目标3的实际支出是多少？",
  "两年期内有多少个成员国批准了劳工公约？",
  "What was the delivery rate of the regular budget?",
  "2020年全球失业率是多少？",
];

let server: TestServer;

beforeAll(async () => {
  // The budgets are raised for this server only: every autocannon connection is the same client.
  server = await startTestServer({ RATE_LIMIT_CHAT: "100000000", RATE_LIMIT_SEARCH: "100000000" });
});

afterAll(async () => {
  await server.close();
});

/** A full garbage collection, so that heap sizes before and after the load compare like with like. */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

function heapMegabytes(): number {
  collectGarbage();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

interface LoadSummary {
  name: string;
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  resets: number;
}

async function load(name: string, requests: autocannon.Request[], seconds = SECONDS): Promise<LoadSummary> {
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests,
    timeout: 10,
  });
  return {
    name,
    requests: result.requests.total,
    throughput: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    resets: result.resets,
  };
}

/** Every other question is asked for a streamed answer (Server-Sent Events). */
const chatRequests: autocannon.Request[] = QUESTIONS.map((question, position) => ({
  method: "POST",
  path: "/api/chat",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ question, stream: position % 2 === 1 }),
}));

const searchRequests: autocannon.Request[] = QUESTIONS.map((question) => ({
  method: "GET",
  path: `/api/search?k=5&q=${encodeURIComponent(question)}`,
}));

describe(`load: ${CONNECTIONS} connections for ${SECONDS} s per endpoint, 127.0.0.1 only`, () => {
  it("answers chat and search without errors or 5xx, and gives its memory back afterwards", async () => {
    // Warm up the code paths and caches before the baseline is taken.
    await load("warm-up", [...chatRequests, ...searchRequests], 1);
    const heapBefore = heapMegabytes();

    const chat = await load("POST /api/chat", chatRequests);
    const search = await load("GET /api/search", searchRequests);
    const heapAfter = heapMegabytes();

    console.log(
      JSON.stringify(
        { chat, search, heapBeforeMegabytes: Math.round(heapBefore), heapAfterMegabytes: Math.round(heapAfter) },
        null,
        2,
      ),
    );
    for (const summary of [chat, search]) {
      expect(summary.requests, summary.name).toBeGreaterThan(CONNECTIONS);
      expect(summary.errors, summary.name).toBe(0);
      expect(summary.timeouts, summary.name).toBe(0);
      expect(summary.non2xx, summary.name).toBe(0);
      expect(summary.resets, summary.name).toBe(0);
    }
    expect(heapAfter).toBeLessThan(heapBefore * 1.25 + 16);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
