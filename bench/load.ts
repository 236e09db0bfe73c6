/** Load segments with autocannon, and the peak resident memory of the server during each. */

import autocannon from "autocannon";
import { cpuMilliseconds, residentMegabytes } from "./processes.js";

export interface LoadResult {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  /** Mean requests per second over the segment. */
  throughput: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** Highest resident memory of the server sampled during the segment. */
  peakRssMegabytes: number;
  /**
   * CPU the server spent per request (its user and system time over the segment, divided by the
   * requests): unlike requests per second, hardly moved by what else the machine runs.
   */
  cpuMillisecondsPerRequest: number;
}

export interface LoadSegment {
  name: string;
  url: string;
  pid: number;
  requests: autocannon.Request[];
  connections: number;
  seconds: number;
}

export async function runLoad(segment: LoadSegment): Promise<LoadResult> {
  let peak = await residentMegabytes(segment.pid);
  const sampler = setInterval(() => {
    void residentMegabytes(segment.pid).then(
      (megabytes) => {
        peak = Math.max(peak, megabytes);
      },
      () => undefined,
    );
  }, 250);
  const cpuBefore = await cpuMilliseconds(segment.pid);
  try {
    const result = await autocannon({
      url: segment.url,
      connections: segment.connections,
      duration: segment.seconds,
      requests: segment.requests,
    });
    return {
      name: segment.name,
      connections: segment.connections,
      seconds: segment.seconds,
      requests: result.requests.total,
      throughput: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      peakRssMegabytes: Math.max(peak, await residentMegabytes(segment.pid)),
      cpuMillisecondsPerRequest:
        ((await cpuMilliseconds(segment.pid)) - cpuBefore) / Math.max(1, result.requests.total),
    };
  } finally {
    clearInterval(sampler);
  }
}

export function searchRequests(questions: readonly string[]): autocannon.Request[] {
  return questions.map((question) => ({ method: "GET", path: `/api/search?k=5&q=${encodeURIComponent(question)}` }));
}

export function chatRequests(questions: readonly string[]): autocannon.Request[] {
  return questions.map((question) => ({
    method: "POST",
    path: "/api/chat",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ question }),
  }));
}

export function formatLoadTable(results: LoadResult[]): string {
  const header =
    "segment                                  conns  secs  requests  req/s   p50 ms  p99 ms  errors  non-2xx " +
    " peak RSS MB  CPU ms/req";
  const lines = results.map((row) =>
    [
      row.name.padEnd(40),
      String(row.connections).padStart(5),
      String(row.seconds).padStart(5),
      String(row.requests).padStart(9),
      row.throughput.toFixed(0).padStart(6),
      row.p50.toFixed(1).padStart(8),
      row.p99.toFixed(1).padStart(7),
      String(row.errors).padStart(7),
      String(row.non2xx).padStart(8),
      row.peakRssMegabytes.toFixed(0).padStart(12),
      row.cpuMillisecondsPerRequest.toFixed(3).padStart(11),
    ].join(" "),
  );
  return [header, ...lines].join("\n");
}
