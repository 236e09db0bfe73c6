/**
 * Speed and memory of report-chat on this machine: ingest time, start-up time, latency under load at
 * 16 connections, and a soak at 64 connections with resident memory sampled over time.
 * `npm run bench` (add `-- --quick` to skip the soak).
 */

import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { buildIndex } from "../src/retrieval/build-index.js";

const QUESTIONS = [
  "成果目标3的实际支出是多少？",
  "经常预算的交付率是多少？",
  "全球失业人口有多少？",
  "两年期内新批准的自愿捐款有多少？",
  "哪些国家批准了第 190 号公约？",
  "What was the total budget for 2018-19?",
  "都灵中心培训了多少学员？",
  "成果目标 4 的预算外支出是多少？",
];

/** The flags `npm start` runs node with (package.json), or those given in BENCH_NODE_FLAGS. */
const SERVER_NODE_FLAGS = (
  process.env.BENCH_NODE_FLAGS ?? "--max-semi-space-size=4 --max-old-space-size=256 --enable-source-maps"
)
  .split(" ")
  .filter(Boolean);

interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function startServerProcess(
  indexDir: string,
): Promise<{ url: string; child: ChildProcess; startupMilliseconds: number }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, "bin/report-chat.mjs", "serve"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      INDEX_DIR: indexDir,
      LOG_LEVEL: "warn",
      RATE_LIMIT_CHAT: "100000000",
      RATE_LIMIT_SEARCH: "100000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, child);
  return { url, child, startupMilliseconds: performance.now() - started };
}

function searchRequests(): autocannon.Request[] {
  return QUESTIONS.map((question) => ({ method: "GET", path: `/api/search?k=5&q=${encodeURIComponent(question)}` }));
}

function chatRequests(): autocannon.Request[] {
  return QUESTIONS.map((question) => ({
    method: "POST",
    path: "/api/chat",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  }));
}

async function load(
  name: string,
  url: string,
  requests: autocannon.Request[],
  connections: number,
  seconds: number,
): Promise<LoadResult> {
  const result = await autocannon({ url, connections, duration: seconds, requests });
  return {
    name,
    connections,
    seconds,
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

async function soak(url: string, pid: number, seconds: number): Promise<{ result: LoadResult; rss: number[] }> {
  const rss: number[] = [];
  const sampler = setInterval(() => {
    void residentMegabytes(pid).then((megabytes) => rss.push(Math.round(megabytes)));
  }, 5000);
  const mixed = [...searchRequests(), ...chatRequests()];
  const result = await load("soak: search + chat", url, mixed, 64, seconds);
  clearInterval(sampler);
  rss.push(Math.round(await residentMegabytes(pid)));
  return { result, rss };
}

function table(results: LoadResult[]): string {
  const header = "endpoint                      conns  secs  requests  req/s   p50 ms  p99 ms  errors  non-2xx";
  const lines = results.map((row) =>
    [
      row.name.padEnd(29),
      String(row.connections).padStart(5),
      String(row.seconds).padStart(5),
      String(row.requests).padStart(9),
      row.throughput.toFixed(0).padStart(6),
      row.p50.toFixed(1).padStart(8),
      row.p99.toFixed(1).padStart(7),
      String(row.errors).padStart(7),
      String(row.non2xx).padStart(8),
    ].join(" "),
  );
  return [header, ...lines].join("\n");
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-bench-"));
  const indexDir = path.join(workDir, "index");
  try {
    const ingestStarted = performance.now();
    const { manifest } = await buildIndex({
      corpusDir: path.resolve("corpus"),
      indexDir,
      embedder: { provider: "local" },
    });
    const ingestMilliseconds = performance.now() - ingestStarted;
    console.log(
      `ingest (whole report, offline embedder): ${(ingestMilliseconds / 1000).toFixed(2)} s, ${manifest.counts.chunks} chunks`,
    );

    const { url, child, startupMilliseconds } = await startServerProcess(indexDir);
    try {
      console.log(`start-up from a built index to ready (new process): ${(startupMilliseconds / 1000).toFixed(2)} s`);
      console.log(`resident memory when ready: ${(await residentMegabytes(child.pid!)).toFixed(0)} MB`);
      await load("warm-up", url, chatRequests(), 4, 2);
      const results = [
        await load("GET /api/search", url, searchRequests(), 16, 10),
        await load("POST /api/chat (extractive)", url, chatRequests(), 16, 10),
      ];
      console.log(`resident memory after load: ${(await residentMegabytes(child.pid!)).toFixed(0)} MB`);
      if (!quick) {
        const { result, rss } = await soak(url, child.pid!, 60);
        results.push(result);
        console.log(`soak resident memory every 5 s (MB): ${rss.join(" ")}`);
      }
      console.log(`\n${table(results)}`);
    } finally {
      child.kill("SIGTERM");
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
