/**
 * A process that tries the ingest lock of `argv[2]` at the instant `argv[3]` (ms since the epoch),
 * prints `held` or `refused` at once, and keeps a held lock until the file `argv[4]` exists.
 */
import { existsSync } from "node:fs";
import { acquireIndexLock } from "../../src/retrieval/index-lock.js";

const [indexDir, startAt, releaseWhenExists] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const lock = await acquireIndexLock(indexDir);
  process.stdout.write("held\n");
  while (!existsSync(releaseWhenExists)) await new Promise((resolve) => setTimeout(resolve, 10));
  await lock.release();
} catch {
  process.stdout.write("refused\n");
}
