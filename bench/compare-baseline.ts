/**
 * report-chat against the reference baseline in one run: segments A (baseline), B (report-chat), B, A per
 * endpoint, so that drift of the machine over the run falls on both alike; the ratios are report-chat / baseline.
 */

import { chatRequests, type LoadResult, runLoad, searchRequests } from "./load.js";
import type { ServerProcess } from "./processes.js";

export interface EndpointComparison {
  endpoint: string;
  baseline: LoadResult[];
  reportChat: LoadResult[];
  /** Mean requests per second of report-chat over the baseline's. */
  throughputRatio: number;
  /** Worst p99 of report-chat over the baseline's worst p99. */
  p99Ratio: number;
  /** Server CPU per request of report-chat over the baseline's. */
  cpuRatio: number;
}

const SEGMENT_SECONDS = 5;
const CONNECTIONS = 16;

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

async function compareEndpoint(
  endpoint: string,
  requests: ReturnType<typeof searchRequests>,
  baseline: ServerProcess,
  reportChat: ServerProcess,
): Promise<EndpointComparison> {
  const order = [baseline, reportChat, reportChat, baseline];
  const results: LoadResult[] = [];
  for (const server of order) {
    results.push(
      await runLoad({
        name: `${endpoint} · ${server.name}`,
        url: server.url,
        pid: server.child.pid ?? 0,
        requests,
        connections: CONNECTIONS,
        seconds: SEGMENT_SECONDS,
      }),
    );
  }
  const baselineResults = [results[0], results[3]];
  const reportChatResults = [results[1], results[2]];
  return {
    endpoint,
    baseline: baselineResults,
    reportChat: reportChatResults,
    throughputRatio:
      mean(reportChatResults.map((row) => row.throughput)) / mean(baselineResults.map((row) => row.throughput)),
    p99Ratio: Math.max(...reportChatResults.map((row) => row.p99)) / Math.max(...baselineResults.map((row) => row.p99)),
    cpuRatio:
      mean(reportChatResults.map((row) => row.cpuMillisecondsPerRequest)) /
      mean(baselineResults.map((row) => row.cpuMillisecondsPerRequest)),
  };
}

export async function compareWithBaseline(
  questions: readonly string[],
  baseline: ServerProcess,
  reportChat: ServerProcess,
): Promise<EndpointComparison[]> {
  return [
    await compareEndpoint("GET /api/search", searchRequests(questions), baseline, reportChat),
    await compareEndpoint("POST /api/chat", chatRequests(questions), baseline, reportChat),
  ];
}

export function formatComparison(comparisons: EndpointComparison[]): string {
  return comparisons
    .map(
      (row) =>
        `${row.endpoint.padEnd(16)} req/s ${row.throughputRatio.toFixed(2)}× the baseline's, ` +
        `p99 ${row.p99Ratio.toFixed(2)}×, CPU per request ${row.cpuRatio.toFixed(2)}× ` +
        `(report-chat ${row.reportChat.map((r) => r.throughput.toFixed(0)).join(", ")}` +
        ` vs baseline ${row.baseline.map((r) => r.throughput.toFixed(0)).join(", ")} req/s)`,
    )
    .join("\n");
}
