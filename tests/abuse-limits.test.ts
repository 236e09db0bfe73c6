import { randomBytes } from "node:crypto";
import { Agent, request as httpRequest } from "node:http";
import { connect, type Socket } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BoundedRateLimitStore } from "../src/http/bounded-rate-limit-store.js";
import { createLogger, type Logger } from "../src/logger.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/**
 * GETs `path` `count` times over `connections` kept-alive sockets, each request with its own headers; returns the
 * statuses.
 */
async function flood(
  baseUrl: string,
  path: string,
  count: number,
  connections: number,
  headersOf: (index: number) => Record<string, string>,
): Promise<number[]> {
  const { hostname, port } = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const statuses: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      statuses.push(
        await new Promise<number>((resolve, reject) => {
          const request = httpRequest({ hostname, port, path, agent, headers: headersOf(index) }, (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
          });
          request.on("error", reject);
          request.end();
        }),
      );
    }
  };
  try {
    await Promise.all(Array.from({ length: connections }, worker));
  } finally {
    agent.destroy();
  }
  return statuses;
}

function capturingLogger(): { logger: Logger; lines: () => string[] } {
  let text = "";
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString("utf8");
      done();
    },
  });
  return { logger: createLogger({ level: "info", destination }), lines: () => text.split("\n").filter(Boolean) };
}

describe("X-Forwarded-For behind TRUST_PROXY=1", () => {
  let server: TestServer;
  let logs: ReturnType<typeof capturingLogger>;

  beforeAll(async () => {
    logs = capturingLogger();
    server = await startTestServer(
      { TRUST_PROXY: "1", RATE_LIMIT_SEARCH: "20", RATE_LIMIT_OTHER: "20", RATE_LIMIT_MAX_CLIENTS: "100" },
      logs.logger,
    );
  });

  afterAll(async () => {
    await server.close();
  });

  it("does not turn 3,000 unique 2 KB values into 3,000 budgets: they count as the sending hop, and are refused", async () => {
    const statuses = await flood(server.url, "/api/tables/nope", 3000, 16, () => ({
      "x-forwarded-for": randomBytes(1024).toString("hex"),
    }));
    expect(statuses).toHaveLength(3000);
    expect(statuses.filter((status) => status === 404)).toHaveLength(20);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2980);
    // The refused requests add no lines but one "rate limited" notice; no line holds a 2 KB value.
    const lines = logs.lines();
    expect(lines.every((line) => line.length < 1000)).toBe(true);
    expect(lines.filter((line) => line.includes('"msg":"rate limited"'))).toHaveLength(1);
    expect(lines.filter((line) => line.includes('"status":429'))).toHaveLength(0);
    expect(lines.filter((line) => line.includes('"status":404'))).toHaveLength(20);
  });

  it("counts the address the trusted proxy appended, whatever the client wrote to the left of it", async () => {
    const statuses = await flood(server.url, "/api/search?q=budget", 25, 1, (index) => ({
      "x-forwarded-for": `198.51.100.${index % 250}, 203.0.113.5`,
    }));
    expect(statuses.filter((status) => status === 200)).toHaveLength(20);
    expect(statuses.slice(20).every((status) => status === 429)).toBe(true);
  });

  it("holds at most RATE_LIMIT_MAX_CLIENTS addresses: the least recently seen is forgotten", async () => {
    const spent = await flood(server.url, "/api/search?q=budget", 21, 1, () => ({ "x-forwarded-for": "192.0.2.1" }));
    expect(spent.at(-1)).toBe(429);
    // 500 forged but well-formed addresses pass (each is a client as far as one trusted hop can tell) …
    const forged = await flood(server.url, "/api/search?q=budget", 500, 8, (index) => ({
      "x-forwarded-for": `10.${index >> 8}.${index & 255}.9`,
    }));
    expect(forged.every((status) => status === 200)).toBe(true);
    // … and push the first client out of the 100 kept, so it starts again from zero.
    const again = await flood(server.url, "/api/search?q=budget", 1, 1, () => ({ "x-forwarded-for": "192.0.2.1" }));
    expect(again).toEqual([200]);
  });
});

describe("requests outside the answer and lookup budgets", () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_OTHER: "5", ALLOWED_ORIGINS: "https://partner.example" });
  });

  afterAll(async () => {
    await server.close();
  });

  it("keep 404s, /v1/models and preflights under a budget of their own, probes excepted", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1)
      statuses.push((await fetch(`${server.url}/no/such/route/${attempt}`)).status);
    statuses.push((await fetch(`${server.url}/v1/models`)).status);
    statuses.push(
      (
        await fetch(`${server.url}/api/chat`, {
          method: "OPTIONS",
          headers: { origin: "https://partner.example", "access-control-request-method": "POST" },
        })
      ).status,
    );
    const limited = await fetch(`${server.url}/v1/models`);
    statuses.push(limited.status, (await fetch(`${server.url}/no/such/route`)).status);
    expect(statuses).toEqual([404, 404, 404, 200, 204, 429, 429]);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // The answer and lookup budgets are their own: lookups of any kind still pass.
    expect((await fetch(`${server.url}/api/search?q=budget`)).status).toBe(200);
    expect((await fetch(`${server.url}/api/tables/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/api/passages/nope`)).status).toBe(404);
  });
});

describe("values a client chooses, in the logs", () => {
  it("are cut short: a 15 KB Origin and a 15 KB path cost a log line under 2 KB, and the origin is still refused", async () => {
    const logs = capturingLogger();
    const server = await startTestServer({}, logs.logger);
    try {
      const longOrigin = `https://${"a".repeat(15_000)}.example`;
      const refused = await fetch(`${server.url}/api/search?q=budget`, { headers: { origin: longOrigin } });
      expect(refused.status).toBe(403);
      expect((await refused.text()).length).toBeLessThan(2000);
      const longPath = await fetch(`${server.url}/${"p".repeat(15_000)}`);
      expect(longPath.status).toBe(404);
      expect((await longPath.text()).length).toBeLessThan(2000);
    } finally {
      await server.close();
    }
    const lines = logs.lines();
    expect(lines.some((line) => line.includes("not in ALLOWED_ORIGINS"))).toBe(true);
    expect(lines.some((line) => /\(\d{5} characters\)/u.test(line))).toBe(true);
    expect(Math.max(...lines.map((line) => line.length))).toBeLessThan(2000);
  });
});

describe("MAX_CONNECTIONS", () => {
  it("closes connections past the cap as they arrive, and serves again once one is free", async () => {
    const server = await startTestServer({ MAX_CONNECTIONS: "3" });
    const { hostname, port } = new URL(server.url);
    const open = (): Promise<Socket> =>
      new Promise((resolve, reject) => {
        const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
        socket.on("error", reject);
      });
    const idle: Socket[] = [];
    try {
      for (let count = 0; count < 3; count += 1) idle.push(await open());
      const extra = await open();
      const ended = await new Promise<string>((resolve) => {
        extra.on("data", () => resolve("served"));
        extra.on("close", () => resolve("closed"));
        extra.on("error", () => resolve("closed"));
        extra.write(`GET /livez HTTP/1.1\r\nHost: ${hostname}\r\n\r\n`);
      });
      expect(ended).toBe("closed");
      const freed = idle.pop();
      await new Promise<void>((resolve) => {
        freed?.once("close", () => resolve());
        freed?.destroy();
      });
      expect((await fetch(`${server.url}/livez`)).status).toBe(200);
    } finally {
      for (const socket of idle) socket.destroy();
      await server.close();
    }
  });
});

describe("BoundedRateLimitStore", () => {
  it("never holds more than maxClients keys, evicting the least recently used, and forgets expired windows", () => {
    let now = 0;
    const store = new BoundedRateLimitStore({ maxClients: 3, now: () => now });
    store.init({ windowMs: 1000 } as Parameters<BoundedRateLimitStore["init"]>[0]);
    for (const key of ["a", "b", "c"]) store.increment(key);
    store.increment("a");
    store.increment("d");
    expect(store.size).toBe(3);
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")?.totalHits).toBe(2);
    for (let index = 0; index < 10_000; index += 1) store.increment(`flood-${index}`);
    expect(store.size).toBe(3);
    now = 1000;
    expect(store.get("flood-9999")).toBeUndefined();
    expect(store.increment("flood-9999")).toEqual({ totalHits: 1, resetTime: new Date(2000) });
  });
});
