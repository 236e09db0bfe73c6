import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { type EmbedderSettings, embedderIdFor } from "../embedding/create-embedder.js";
import { IndexError } from "../errors.js";
import { type ChunkerSettings, DEFAULT_CHUNKER_SETTINGS } from "../ingest/ingest-report.js";
import { corpusChecksum, loadCorpus } from "../ingest/load-corpus.js";
import { type BuildProgress, buildIndex } from "./build-index.js";
import type { IndexExpectation } from "./index-manifest.js";
import { type LoadedIndex, loadIndex } from "./load-index.js";

export interface EnsureIndexOptions {
  corpusDir: string;
  indexDir: string;
  embedder: EmbedderSettings;
  chunker?: ChunkerSettings;
  /** Told why the index is rebuilt, before the build starts. */
  onRebuild?: (reason: IndexError) => void;
  onProgress?: (progress: BuildProgress) => void;
  /** How long to wait for another process's ingest to finish, in milliseconds. @default 60000 */
  lockWaitMs?: number;
}

/** Errors of a folder that cannot be written: a read-only mount, or one the process may not write. */
const READ_ONLY_CODES = new Set(["EROFS", "EACCES", "EPERM"]);

/**
 * The build's failure, said plainly when the index folder cannot be written: a valid index there
 * would have been served as it is, read-only, so what is wrong is the index itself.
 */
async function explainBuildFailure(error: unknown, indexDir: string, reason: IndexError | undefined): Promise<unknown> {
  // A read-only mount can fail `mkdir -p` with ENOENT: whether the folder is writable decides.
  const code = await access(indexDir, constants.W_OK).then(
    () => (error as NodeJS.ErrnoException | undefined)?.code,
    (probe: NodeJS.ErrnoException) => probe.code,
  );
  if (code === undefined || !READ_ONLY_CODES.has(code)) return error;
  return new IndexError(
    "read_only",
    `the index in ${indexDir} cannot be used (${reason?.message ?? "it is missing"}) and cannot be rebuilt there: ` +
      `the folder is not writable (${code}). Build it with \`npm run ingest\` where INDEX_DIR is writable, ` +
      "then mount that index, or mount this folder read-write.",
    { cause: error },
  );
}

export async function expectationFor(
  options: Pick<EnsureIndexOptions, "corpusDir" | "embedder" | "chunker">,
): Promise<IndexExpectation> {
  return {
    corpusSha256: corpusChecksum(await loadCorpus(options.corpusDir)),
    embedderId: embedderIdFor(options.embedder),
    chunker: options.chunker ?? DEFAULT_CHUNKER_SETTINGS,
  };
}

/**
 * Loads the index; builds it first when it is missing, stale, foreign or corrupted. A valid index
 * is only read, so it may sit on a read-only mount; one that needs a rebuild there fails with
 * `IndexError("read_only")`, which says so. Another process's ingest is waited for.
 */
export async function ensureIndex(options: EnsureIndexOptions): Promise<LoadedIndex> {
  const expected = await expectationFor(options);
  let reason: IndexError | undefined;
  try {
    return await loadIndex(options.indexDir, options.embedder, expected);
  } catch (error) {
    if (!(error instanceof IndexError) || error.reason === "locked") throw error;
    reason = error;
    options.onRebuild?.(error);
  }
  try {
    await buildIndex({
      corpusDir: options.corpusDir,
      indexDir: options.indexDir,
      embedder: options.embedder,
      chunker: options.chunker,
      onProgress: options.onProgress,
      lockWaitMs: options.lockWaitMs ?? 60_000,
    });
  } catch (error) {
    throw await explainBuildFailure(error, options.indexDir, reason);
  }
  return loadIndex(options.indexDir, options.embedder, expected);
}
