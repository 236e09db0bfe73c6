import { open, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { IndexError } from "../errors.js";

const LOCK_FILE = ".ingest.lock";

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function removeStaleLock(lockPath: string): Promise<boolean> {
  const owner = Number((await readFile(lockPath, "utf8").catch(() => "")).trim());
  if (Number.isInteger(owner) && owner > 0 && processIsAlive(owner)) return false;
  await rm(lockPath, { force: true });
  return true;
}

/**
 * Takes the index directory's ingest lock, so two builds never write at once. A lock left by a
 * process that no longer runs (killed mid-build) is taken over. Returns the function that releases it.
 */
export async function acquireIndexLock(indexDir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(indexDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!(await removeStaleLock(lockPath))) break;
    }
  }
  throw new IndexError(
    "locked",
    `another ingest is running on ${indexDir} (lock file ${lockPath}); wait for it to finish`,
  );
}
