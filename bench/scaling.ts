/**
 * How cost grows with the corpus: 1×, 4× and 16× the report (copies under other file names, so each is a
 * document of its own), each ingested, served and loaded alike.
 */

import { copyFile, mkdir, readdir, stat } from "node:fs/promises";
import path from "node:path";
import { buildIndex } from "../src/retrieval/build-index.js";
import { chatRequests, runLoad, searchRequests } from "./load.js";
import { reportChatCommand, residentMegabytes, startServer } from "./processes.js";

export interface ScalingRow {
  factor: number;
  chunks: number;
  ingestSeconds: number;
  indexMegabytes: number;
  startupSeconds: number;
  readyRssMegabytes: number;
  searchP50: number;
  searchP99: number;
  chatP50: number;
  chatP99: number;
  chatThroughput: number;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await stat(full)).size;
  }
  return total;
}

async function copiedCorpus(sourceDir: string, targetDir: string, factor: number): Promise<void> {
  await mkdir(targetDir, { recursive: true });
  const files = (await readdir(sourceDir)).filter((name) => !name.startsWith("."));
  for (let copy = 1; copy <= factor; copy += 1) {
    for (const file of files) {
      const name = copy === 1 ? file : `copy-${String(copy).padStart(2, "0")}-${file}`;
      await copyFile(path.join(sourceDir, file), path.join(targetDir, name));
    }
  }
}

async function measureFactor(
  corpusDir: string,
  workDir: string,
  factor: number,
  questions: readonly string[],
): Promise<ScalingRow> {
  const factorCorpus = path.join(workDir, `corpus-${factor}x`);
  const indexDir = path.join(workDir, `index-${factor}x`);
  await copiedCorpus(corpusDir, factorCorpus, factor);
  const ingestStarted = performance.now();
  const { manifest } = await buildIndex({ corpusDir: factorCorpus, indexDir, embedder: { provider: "local" } });
  const ingestSeconds = (performance.now() - ingestStarted) / 1000;
  const server = await startServer(reportChatCommand(indexDir, factorCorpus));
  try {
    const pid = server.child.pid ?? 0;
    const readyRssMegabytes = await residentMegabytes(pid);
    const segment = { url: server.url, pid, connections: 16, seconds: 5 };
    await runLoad({ ...segment, name: "warm-up", requests: chatRequests(questions), seconds: 2 });
    const search = await runLoad({ ...segment, name: "search", requests: searchRequests(questions) });
    const chat = await runLoad({ ...segment, name: "chat", requests: chatRequests(questions) });
    return {
      factor,
      chunks: manifest.counts.chunks,
      ingestSeconds,
      indexMegabytes: (await folderBytes(indexDir)) / 1024 / 1024,
      startupSeconds: server.startupMilliseconds / 1000,
      readyRssMegabytes,
      searchP50: search.p50,
      searchP99: search.p99,
      chatP50: chat.p50,
      chatP99: chat.p99,
      chatThroughput: chat.throughput,
    };
  } finally {
    await server.stop();
  }
}

export async function measureScaling(
  corpusDir: string,
  workDir: string,
  factors: readonly number[],
  questions: readonly string[],
): Promise<ScalingRow[]> {
  const rows: ScalingRow[] = [];
  for (const factor of factors) rows.push(await measureFactor(corpusDir, workDir, factor, questions));
  return rows;
}

export function formatScalingTable(rows: ScalingRow[]): string {
  const header =
    "| corpus | chunks | ingest s | index MB | start-up s | RSS ready MB | search p50 / p99 ms | chat p50 / " +
    "p99 ms | chat req/s |";
  const rule = "| --- | --- | --- | --- | --- | --- | --- | --- | --- |";
  const lines = rows.map(
    (row) =>
      `| ${row.factor}× | ${row.chunks} | ${row.ingestSeconds.toFixed(1)} | ${row.indexMegabytes.toFixed(1)} | ` +
      `${row.startupSeconds.toFixed(2)} | ${row.readyRssMegabytes.toFixed(0)} | ${row.searchP50} ` +
      `/ ${row.searchP99} | ` +
      `${row.chatP50} / ${row.chatP99} | ${row.chatThroughput.toFixed(0)} |`,
  );
  return [header, rule, ...lines].join("\n");
}

/** A text plot of chat p50 and ingest time against corpus size, one bar per factor. */
export function plotScaling(rows: ScalingRow[]): string {
  const width = 40;
  const bar = (value: number, max: number) => "█".repeat(Math.max(1, Math.round((value / max) * width)));
  const maxChat = Math.max(...rows.map((row) => row.chatP50), 1);
  const maxIngest = Math.max(...rows.map((row) => row.ingestSeconds), 0.001);
  const chatLines = rows.map((row) => `${`${row.factor}×`.padStart(4)} ${bar(row.chatP50, maxChat)} ${row.chatP50} ms`);
  const ingestLines = rows.map(
    (row) => `${`${row.factor}×`.padStart(4)} ${bar(row.ingestSeconds, maxIngest)} ${row.ingestSeconds.toFixed(1)} s`,
  );
  return ["chat p50 (16 connections)", ...chatLines, "", "ingest time", ...ingestLines].join("\n");
}
