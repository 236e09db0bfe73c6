import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { IndexError } from "../src/errors.js";
import { buildIndex } from "../src/retrieval/build-index.js";
import { ensureIndex } from "../src/retrieval/ensure-index.js";
import { acquireIndexLock } from "../src/retrieval/index-lock.js";
import { currentBuildDir, MANIFEST_FILE } from "../src/retrieval/index-manifest.js";

const corpusDir = path.resolve("corpus");
const local = { provider: "local" } as const;
const LOCK_FILE = ".ingest.lock";

let workDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-index-safety-"));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** The first line a child process prints. */
function firstLineOf(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let printed = "";
    child.stdout?.on("data", (data: Buffer) => {
      printed += data.toString();
      if (printed.includes("\n")) resolve(printed.split("\n")[0].trim());
    });
    child.once("exit", () => resolve(printed.trim()));
    child.once("error", reject);
  });
}

/** A copy of the test run's index in a folder of its own. */
async function copyOfIndex(name: string): Promise<string> {
  const target = path.join(workDir, name);
  await cp(inject("indexDir"), target, { recursive: true });
  return target;
}

async function errorOf(promise: Promise<unknown>): Promise<IndexError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IndexError) return error;
    throw error;
  }
  throw new Error("expected an IndexError");
}

describe("a manifest edited into valid JSON of the wrong shape", () => {
  type Edit = (manifest: Record<string, unknown>) => unknown;
  const edits: Array<[string, Edit]> = [
    ["files removed", ({ files: _files, ...rest }) => rest],
    ["files null", (manifest) => ({ ...manifest, files: null })],
    ["files {}", (manifest) => ({ ...manifest, files: {} })],
    ["embedder removed", ({ embedder: _embedder, ...rest }) => rest],
    [
      "counts.chunks wrong",
      (manifest) => ({ ...manifest, counts: { ...(manifest.counts as object), chunks: 99_999 } }),
    ],
    ["the whole manifest null", () => null],
    ["the whole manifest []", () => []],
  ];

  for (const [name, edit] of edits) {
    it(`is rebuilt, not trusted: ${name}`, async () => {
      const indexDir = await copyOfIndex(`manifest-${name.replace(/\W+/gu, "-")}`);
      const buildDir = (await currentBuildDir(indexDir))!;
      const manifestPath = path.join(buildDir, MANIFEST_FILE);
      const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as Record<string, unknown>;
      await writeFile(manifestPath, JSON.stringify(edit(manifest)));
      const reasons: string[] = [];
      const index = await ensureIndex({
        corpusDir,
        indexDir,
        embedder: local,
        onRebuild: (reason) => reasons.push(reason.reason),
      });
      expect(reasons).toEqual(["corrupted"]);
      expect(index.buildDir).not.toBe(buildDir);
      expect(index.manifest.counts.chunks).toBe(index.chunks.length);
      expect(Object.keys(index.manifest.files).length).toBeGreaterThan(3);
    });
  }
});

describe("the ingest lock", () => {
  it("takes over a lock whose PID is now another live process (an old bare-PID lock file)", async () => {
    const indexDir = await copyOfIndex("lock-bare-pid");
    // The PID is alive (it is this very process), as a container's PID 1 is after a restart.
    await writeFile(path.join(indexDir, LOCK_FILE), String(process.pid));
    const summary = await buildIndex({ corpusDir, indexDir, embedder: local });
    expect(summary.manifest.counts.chunks).toBeGreaterThan(100);
    expect(await readdir(indexDir)).not.toContain(LOCK_FILE);
  });

  it("takes over a lock whose owner's PID was reused by a process that started later", async () => {
    const indexDir = await copyOfIndex("lock-reused-pid");
    const owner = {
      host: os.hostname(),
      pid: process.pid,
      processStart: "1",
      token: "left-by-a-process-that-is-gone",
      acquiredAt: "2020-01-01T00:00:00.000Z",
    };
    await writeFile(path.join(indexDir, LOCK_FILE), JSON.stringify(owner));
    const lock = await acquireIndexLock(indexDir);
    await lock.release();
    expect(await readdir(indexDir)).not.toContain(LOCK_FILE);
  });

  it("refuses while a live owner holds it, and takes it over once its heartbeat is older than staleMs", async () => {
    const indexDir = await copyOfIndex("lock-heartbeat");
    const held = await acquireIndexLock(indexDir);
    try {
      expect((await errorOf(acquireIndexLock(indexDir))).reason).toBe("locked");
      const lockPath = path.join(indexDir, LOCK_FILE);
      const owner = JSON.parse(await readFile(lockPath, "utf8")) as Record<string, unknown>;
      // The same lock as seen from another host, whose processes this one cannot look at: only its age tells.
      await writeFile(lockPath, JSON.stringify({ ...owner, host: "another-host" }));
      expect((await errorOf(acquireIndexLock(indexDir, { staleMs: 60_000 }))).reason).toBe("locked");
      const longAgo = new Date(Date.now() - 120_000);
      await utimes(lockPath, longAgo, longAgo);
      const taken = await acquireIndexLock(indexDir, { staleMs: 60_000 });
      await expect(held.verifyHeld()).rejects.toThrow(/taken by another process/u);
      await taken.release();
    } finally {
      await held.release();
    }
  });

  it("goes to exactly one of six processes that try it in the same millisecond, trial after trial", async () => {
    for (let trial = 0; trial < 3; trial += 1) {
      const indexDir = path.join(workDir, `race-${trial}`);
      const releaseFile = path.join(workDir, `release-${trial}`);
      await mkdir(indexDir, { recursive: true });
      const startAt = String(Date.now() + 4000);
      const takers = Array.from({ length: 6 }, () =>
        spawn(
          process.execPath,
          ["--import", "tsx", "tests/helpers/take-index-lock.ts", indexDir, startAt, releaseFile],
          {
            stdio: ["ignore", "pipe", "inherit"],
          },
        ),
      );
      const exits = takers.map((taker) => new Promise((resolve) => taker.once("exit", resolve)));
      // The holder keeps the lock until every taker has answered, however late a loaded machine starts one.
      const outcomes = await Promise.all(takers.map(firstLineOf));
      await writeFile(releaseFile, "");
      await Promise.all(exits);
      expect(outcomes.filter((outcome) => outcome === "held")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "refused")).toHaveLength(5);
      expect(await readdir(indexDir)).toEqual([]);
    }
  });

  it("is released, and the half-written build removed, when an ingest gets SIGTERM", async () => {
    const indexDir = path.join(workDir, "sigterm-ingest");
    await mkdir(indexDir, { recursive: true });
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "ingest"], {
      env: { ...process.env, INDEX_DIR: indexDir, CORPUS_DIR: corpusDir },
      stdio: "ignore",
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    let signalled = false;
    for (let waited = 0; waited < 30_000 && child.exitCode === null; waited += 5) {
      if ((await readdir(indexDir)).includes(LOCK_FILE)) {
        signalled = child.kill("SIGTERM");
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const code = await exited;
    expect(signalled).toBe(true);
    expect(code).toBe(143);
    expect(await readdir(indexDir)).not.toContain(LOCK_FILE);
    // The exit removes the half-written build; a write still in flight on a loaded machine can leave a folder
    // behind, and then the next build removes it before it starts.
    await buildIndex({ corpusDir, indexDir, embedder: local });
    const current = path.basename((await currentBuildDir(indexDir)) ?? "");
    expect((await readdir(indexDir)).filter((name) => name.startsWith("build-"))).toEqual([current]);
  });
});

describe("builds that fail", () => {
  it("leave no partial folders behind: the next build removes them first, even when it fails too", async () => {
    const indexDir = await copyOfIndex("partial-builds");
    const current = path.basename((await currentBuildDir(indexDir))!);
    for (const name of ["build-20200101-000000-11", "build-20200101-000001-12"]) {
      await mkdir(path.join(indexDir, name));
      await writeFile(path.join(indexDir, name, "hnswlib.index"), Buffer.alloc(1024 * 1024));
    }
    await expect(
      buildIndex({ corpusDir: path.join(workDir, "no-such-corpus"), indexDir, embedder: local }),
    ).rejects.toThrow();
    expect((await readdir(indexDir)).filter((name) => name.startsWith("build-"))).toEqual([current]);
  });
});
