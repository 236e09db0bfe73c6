/** Server processes for the bench: free ports, start-up until `/healthz` answers, resident memory. */

import { type ChildProcess, spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";

export interface ServerProcess {
  name: string;
  url: string;
  child: ChildProcess;
  /** From spawn to the first successful `/healthz`. */
  startupMilliseconds: number;
  stop(): Promise<void>;
}

export interface ServerCommand {
  name: string;
  args: string[];
  env: Record<string, string>;
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

/** Resident set size of a process, from `/proc`. */
export async function residentMegabytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/u.exec(status)?.[1] ?? 0) / 1024;
}

/** CPU time a process has used so far (user and system, its own threads), in milliseconds, from `/proc`. */
export async function cpuMilliseconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  // The fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

async function waitUntilReady(url: string, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Starts a node process listening on 127.0.0.1 at a free port (given as PORT) and waits until it is ready. */
export async function startServer(command: ServerCommand): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, command.args, {
    env: { ...process.env, ...command.env, PORT: String(port), HOST: "127.0.0.1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(url, child);
  } catch (error) {
    await stopProcess(child);
    throw error;
  }
  return {
    name: command.name,
    url,
    child,
    startupMilliseconds: performance.now() - started,
    stop: () => stopProcess(child),
  };
}

/** The flags `npm start` runs node with (package.json), or those given in BENCH_NODE_FLAGS. */
export function serverNodeFlags(): string[] {
  return (process.env.BENCH_NODE_FLAGS ?? "--max-semi-space-size=4 --max-old-space-size=256")
    .split(" ")
    .filter(Boolean);
}

/** report-chat itself, serving a built index, with rate limits out of the way of the load. */
export function reportChatCommand(indexDir: string, corpusDir: string): ServerCommand {
  return {
    name: "report-chat",
    args: [...serverNodeFlags(), "bin/report-chat.mjs", "serve"],
    env: {
      INDEX_DIR: indexDir,
      CORPUS_DIR: corpusDir,
      LOG_LEVEL: "warn",
      RATE_LIMIT_CHAT: "100000000",
      RATE_LIMIT_SEARCH: "100000000",
    },
  };
}

/** The reference: the LangChain.js quickstart pattern behind a bare Express app (`bench/baseline-server.mjs`). */
export function baselineCommand(corpusFile: string): ServerCommand {
  return { name: "baseline", args: ["bench/baseline-server.mjs"], env: { CORPUS: corpusFile } };
}
