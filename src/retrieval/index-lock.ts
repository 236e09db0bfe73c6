/**
 * The index directory's ingest lock: a file created atomically with its owner's identity in it,
 * kept fresh by a heartbeat, and released on every way out of the process that a process can see.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, unlinkSync } from "node:fs";
import { link, readFile, rename, stat, unlink, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { IndexError } from "../errors.js";

const LOCK_FILE = ".ingest.lock";

/** Who holds the lock: enough to tell a live owner from a dead one, and from another process given its PID. */
const lockOwnerSchema = z.object({
  host: z.string(),
  pid: z.number().int().positive(),
  /** The owner's start time as the kernel counts it (`/proc/<pid>/stat`), when known. */
  processStart: z.string().optional(),
  /** Unique to this acquisition: a release or a heartbeat touches only its own lock. */
  token: z.string().min(1),
  acquiredAt: z.string(),
});
type LockOwner = z.infer<typeof lockOwnerSchema>;

export interface IndexLockOptions {
  /** A lock whose heartbeat is older than this is abandoned, in milliseconds. @default 30000 */
  staleMs?: number;
  /** How often the holder refreshes the lock, in milliseconds. @default 5000 */
  heartbeatMs?: number;
  /** How long to wait for a lock held by a live owner before giving up, in milliseconds. @default 0 */
  waitMs?: number;
}

/** A lock taken. */
export interface IndexLock {
  /** Removes the lock file, if it is still this lock's. */
  release(): Promise<void>;
  /** Throws `IndexError("locked")` when the lock was taken away (its file replaced or removed). */
  verifyHeld(): Promise<void>;
}

/** The kernel's start time of a process (field 22 of `/proc/<pid>/stat`), or undefined off Linux or when it is gone. */
function processStartOf(pid: number): string | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/stat`, "utf8");
    return status.slice(status.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return undefined;
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * True when the owner surely no longer runs: on this host, its PID is free, or is now held by a
 * process that started at another time (a reused PID, such as a container's PID 1 after a restart).
 */
function ownerIsGone(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return false;
  if (!processIsAlive(owner.pid)) return true;
  const start = processStartOf(owner.pid);
  return owner.processStart !== undefined && start !== undefined && start !== owner.processStart;
}

function ownerOf(content: string): LockOwner | undefined {
  try {
    const parsed = lockOwnerSchema.safeParse(JSON.parse(content));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether a lock file found in place may be taken over: its owner is gone, its heartbeat stopped
 * `staleMs` ago, or it holds no owner at all (a lock file of an earlier format, which held a bare
 * PID; a lock file of this format is never seen half-written, since it appears whole by `link`).
 */
function isAbandoned(content: string, modifiedAt: number, staleMs: number): boolean {
  const owner = ownerOf(content);
  if (!owner) return true;
  return ownerIsGone(owner) || Date.now() - modifiedAt > staleMs;
}

async function readLock(lockPath: string): Promise<{ content: string; modifiedAt: number } | undefined> {
  try {
    const [content, info] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath)]);
    return { content, modifiedAt: info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Creates the lock file with `content` complete from its first instant; false when one exists. */
async function createExclusively(lockPath: string, content: string): Promise<boolean> {
  const temporary = `${lockPath}.${randomBytes(6).toString("hex")}.tmp`;
  await writeFile(temporary, content);
  try {
    await link(temporary, lockPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/**
 * Moves an abandoned lock out of the way. If what was moved is not the lock judged abandoned (a
 * taker was faster and put its own in place), it is put back for its owner.
 */
async function takeOver(lockPath: string, judged: string): Promise<void> {
  const moved = `${lockPath}.${randomBytes(6).toString("hex")}.stale`;
  try {
    await rename(lockPath, moved);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    throw error;
  }
  if ((await readFile(moved, "utf8")) !== judged) await link(moved, lockPath).catch(() => undefined);
  await unlink(moved).catch(() => undefined);
}

function lockedError(indexDir: string, lockPath: string, content: string): IndexError {
  const owner = ownerOf(content);
  const holder = owner ? ` (process ${owner.pid} on ${owner.host} since ${owner.acquiredAt})` : "";
  return new IndexError(
    "locked",
    `another ingest is running on ${indexDir}${holder}; wait for it to finish (lock file ${lockPath})`,
  );
}

/**
 * Takes the index directory's ingest lock, so two builds never write at once. Of processes that
 * try at the same moment exactly one gets it. A lock left by a process that is gone (killed
 * mid-build, or a PID now reused by another process) or whose heartbeat stopped is taken over.
 * The lock is released by `release()`, and when the process exits without it (`process.exit`
 * after a signal, an uncaught error); only `kill -9` leaves it, to be taken over as above.
 */
export async function acquireIndexLock(indexDir: string, options: IndexLockOptions = {}): Promise<IndexLock> {
  const lockPath = path.join(indexDir, LOCK_FILE);
  const staleMs = options.staleMs ?? 30_000;
  const giveUpAt = Date.now() + (options.waitMs ?? 0);
  const owner: LockOwner = {
    host: os.hostname(),
    pid: process.pid,
    processStart: processStartOf(process.pid),
    token: randomBytes(12).toString("hex"),
    acquiredAt: new Date().toISOString(),
  };
  const content = JSON.stringify(owner);
  // Armed before the lock file can exist: an exit between its creation and the code after it still removes it.
  const releaseOnExit = () => {
    try {
      if (readFileSync(lockPath, "utf8") === content) unlinkSync(lockPath);
    } catch {
      // Never created, or already gone.
    }
  };
  process.once("exit", releaseOnExit);
  try {
    for (;;) {
      if (await createExclusively(lockPath, content)) {
        return holdLock(lockPath, content, releaseOnExit, options.heartbeatMs ?? 5000);
      }
      const found = await readLock(lockPath);
      if (!found) continue;
      if (isAbandoned(found.content, found.modifiedAt, staleMs)) {
        await takeOver(lockPath, found.content);
        continue;
      }
      if (Date.now() >= giveUpAt) throw lockedError(indexDir, lockPath, found.content);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  } catch (error) {
    process.off("exit", releaseOnExit);
    throw error;
  }
}

function holdLock(lockPath: string, content: string, releaseOnExit: () => void, heartbeatMs: number): IndexLock {
  let released = false;
  const isOurs = async () => (await readFile(lockPath, "utf8").catch(() => "")) === content;
  const heartbeat = setInterval(() => {
    void isOurs().then((ours) => {
      if (ours && !released) return utimes(lockPath, new Date(), new Date()).catch(() => undefined);
    });
  }, heartbeatMs);
  heartbeat.unref();
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      process.off("exit", releaseOnExit);
      if (await isOurs()) await unlink(lockPath).catch(() => undefined);
    },
    async verifyHeld() {
      if (!(await isOurs())) throw new IndexError("locked", `the ingest lock ${lockPath} was taken by another process`);
    },
  };
}
