/**
 * A process that tries the ingest lock of `argv[2]` at the instant `argv[3]` (ms since the epoch)
 * and prints `held <from> <to>` (when it held it, keeping it `argv[4]` ms) or `refused <at>`.
 */
import { acquireIndexLock } from "../../src/retrieval/index-lock.js";

const [indexDir, startAt, holdMs] = process.argv.slice(2);
await new Promise((resolve) => setTimeout(resolve, Math.max(0, Number(startAt) - Date.now())));
const triedAt = Date.now();
try {
  const lock = await acquireIndexLock(indexDir);
  const heldFrom = Date.now();
  await new Promise((resolve) => setTimeout(resolve, Number(holdMs)));
  const heldTo = Date.now();
  await lock.release();
  process.stdout.write(`held ${heldFrom} ${heldTo}\n`);
} catch {
  process.stdout.write(`refused ${triedAt}\n`);
}
