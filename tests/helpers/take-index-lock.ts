/**
 * A process that tries the ingest lock of `argv[2]` at the instant `argv[3]` (ms since the epoch),
 * prints `held` or `refused`, and keeps a held lock for `argv[4]` ms before releasing it.
 */
import { acquireIndexLock } from "../../src/retrieval/index-lock.js";

const [indexDir, startAt, holdMs] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
try {
  const lock = await acquireIndexLock(indexDir);
  process.stdout.write("held\n");
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  await lock.release();
} catch {
  process.stdout.write("refused\n");
}
