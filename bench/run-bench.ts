/**
 * Speed and memory of report-chat on this machine, against the reference baseline in the same run:
 * ingest, start-up, search and chat throughput and latency (A, B, B, A), a soak at 64 connections with
 * resident memory, and how cost grows with 1×, 4× and 16× the corpus.
 * `npm run bench` (add `-- --quick` to skip the soak and the scaling runs).
 */

import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildIndex } from "../src/retrieval/build-index.js";
import { compareWithBaseline, formatComparison } from "./compare-baseline.js";
import { chatRequests, formatLoadTable, runLoad, searchRequests } from "./load.js";
import { baselineCommand, reportChatCommand, residentMegabytes, type ServerProcess, startServer } from "./processes.js";
import { BENCH_QUESTIONS } from "./questions.js";
import { formatScalingTable, measureScaling, plotScaling } from "./scaling.js";

const STARTUP_RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function measureStartup(indexDir: string, corpusDir: string): Promise<number> {
  const milliseconds: number[] = [];
  for (let run = 0; run < STARTUP_RUNS; run += 1) {
    const server = await startServer(reportChatCommand(indexDir, corpusDir));
    milliseconds.push(server.startupMilliseconds);
    await server.stop();
  }
  return median(milliseconds);
}

async function warmUp(server: ServerProcess): Promise<void> {
  const pid = server.child.pid ?? 0;
  const base = { url: server.url, pid, connections: 4, seconds: 2 };
  await runLoad({
    ...base,
    name: "warm-up",
    requests: [...chatRequests(BENCH_QUESTIONS), ...searchRequests(BENCH_QUESTIONS)],
  });
}

async function soak(server: ServerProcess, seconds: number): Promise<string> {
  const requests = [...searchRequests(BENCH_QUESTIONS), ...chatRequests(BENCH_QUESTIONS)];
  const result = await runLoad({
    name: "soak: search + chat",
    url: server.url,
    pid: server.child.pid ?? 0,
    requests,
    connections: 64,
    seconds,
  });
  return formatLoadTable([result]);
}

async function firstCorpusFile(corpusDir: string): Promise<string> {
  const files = (await readdir(corpusDir)).filter((name) => name.endsWith(".txt")).sort();
  if (files.length === 0) throw new Error(`no .txt report in ${corpusDir} for the baseline`);
  return path.join(corpusDir, files[0]);
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const corpusDir = path.resolve("corpus");
  const workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-bench-"));
  const indexDir = path.join(workDir, "index");
  try {
    const ingestStarted = performance.now();
    const { manifest } = await buildIndex({ corpusDir, indexDir, embedder: { provider: "local" } });
    const ingestSeconds = (performance.now() - ingestStarted) / 1000;
    console.log(
      `ingest (whole corpus, offline embedder): ${ingestSeconds.toFixed(2)} s, ${manifest.counts.chunks} chunks`,
    );
    const startupMilliseconds = await measureStartup(indexDir, corpusDir);
    console.log(
      `start-up from a built index to ready, new process (median ` +
        `of ${STARTUP_RUNS}): ${(startupMilliseconds / 1000).toFixed(2)} s`,
    );

    const reportChat = await startServer(reportChatCommand(indexDir, corpusDir));
    const baseline = await startServer(baselineCommand(await firstCorpusFile(corpusDir)));
    try {
      console.log(
        `report-chat resident memory when ready: ${(await residentMegabytes(reportChat.child.pid ?? 0)).toFixed(0)} MB`,
      );
      await warmUp(baseline);
      await warmUp(reportChat);
      const comparisons = await compareWithBaseline(BENCH_QUESTIONS, baseline, reportChat);
      const segments = comparisons.flatMap((row) => [
        row.baseline[0],
        row.reportChat[0],
        row.reportChat[1],
        row.baseline[1],
      ]);
      console.log(`\n${formatLoadTable(segments)}`);
      console.log(
        `\nsame-run ratios, report-chat / baseline (16 connections, 5 s a segment, A B B ` +
          `A):\n${formatComparison(comparisons)}`,
      );
      await baseline.stop();
      if (!quick) console.log(`\n${await soak(reportChat, 60)}`);
    } finally {
      await reportChat.stop();
      await baseline.stop();
    }

    if (!quick) {
      const rows = await measureScaling(corpusDir, workDir, [1, 4, 16], BENCH_QUESTIONS);
      console.log(`\nhow cost grows with the corpus:\n${formatScalingTable(rows)}\n\n${plotScaling(rows)}`);
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
