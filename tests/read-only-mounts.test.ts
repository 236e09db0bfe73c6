import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";

/**
 * The server in a mount namespace of its own (`unshare -m`) where `readOnly` folders are bind-mounted
 * read-only, as a container mounts a volume `:ro`. The test process sees them writable as before.
 */
interface Served {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
  output: () => string;
}

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-read-only-"));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

async function serveWithReadOnly(readOnly: string[], env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const mounts = readOnly.map((_folder, position) => `mount --bind -o ro "$RO${position}" "$RO${position}"`);
  const script = [...mounts, `exec "${process.execPath}" --import tsx src/cli.ts serve`].join(" && ");
  const child = spawn("unshare", ["-m", "sh", "-c", script], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "",
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      SHUTDOWN_DRAIN_MS: "0",
      ...Object.fromEntries(readOnly.map((folder, position) => [`RO${position}`, folder])),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (piece: Buffer) => {
    output += piece.toString("utf8");
  });
  child.stderr?.on("data", (piece: Buffer) => {
    output += piece.toString("utf8");
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}

async function statusOf(url: string): Promise<number> {
  return fetch(url).then(
    (response) => response.status,
    () => 0,
  );
}

describe("read-only mounts", () => {
  it("serve a valid index and the page from read-only INDEX_DIR and WEB_ASSETS_DIR", async () => {
    const indexDir = path.join(workDir, "valid-index");
    const webDir = path.join(workDir, "web-assets");
    await cp(inject("indexDir"), indexDir, { recursive: true });
    await mkdir(webDir);
    const served = await serveWithReadOnly([indexDir, webDir], {
      INDEX_DIR: indexDir,
      CORPUS_DIR: path.resolve("corpus"),
      WEB_ASSETS_DIR: webDir,
    });
    try {
      for (let waited = 0; waited < 60_000 && (await statusOf(`${served.url}/readyz`)) !== 200; waited += 100) {
        if (served.child.exitCode !== null) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(await statusOf(`${served.url}/readyz`), served.output()).toBe(200);
      expect(await statusOf(`${served.url}/`)).toBe(200);
      expect(await statusOf(`${served.url}/widget.js`)).toBe(200);
      expect(served.output()).toMatch(/is not writable \(EROFS\): the page and widget are served from memory/u);
    } finally {
      served.child.kill("SIGTERM");
      await served.exited;
    }
  });

  it("say what is wrong when a stale index cannot be rebuilt on its read-only mount, without a stack trace", async () => {
    const indexDir = path.join(workDir, "stale-index");
    const corpusDir = path.join(workDir, "changed-corpus");
    await cp(inject("indexDir"), indexDir, { recursive: true });
    await cp(path.resolve("corpus"), corpusDir, { recursive: true });
    await writeFile(path.join(corpusDir, "added-report.txt"), "一份新加入的报告。它改变了语料的校验和。\n");
    const served = await serveWithReadOnly([indexDir], {
      INDEX_DIR: indexDir,
      CORPUS_DIR: corpusDir,
      WEB_ASSETS_DIR: path.join(workDir, "web-for-stale"),
    });
    const code = await served.exited;
    expect(code).toBe(1);
    const output = served.output();
    expect(output).toMatch(/error: the index in .* cannot be used \(the corpus changed/u);
    expect(output).toMatch(/cannot be rebuilt there: the folder is not writable \(EROFS\)/u);
    expect(output).not.toMatch(/^\s+at /mu);
  });
});
