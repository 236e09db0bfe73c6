import { type EmbedderSettings, embedderIdFor } from "../embedding/create-embedder.js";
import { IndexError } from "../errors.js";
import { type ChunkerSettings, DEFAULT_CHUNKER_SETTINGS } from "../ingest/ingest-report.js";
import { readCorpusChecksum } from "../ingest/load-corpus.js";
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
}

export async function expectationFor(
  options: Pick<EnsureIndexOptions, "corpusDir" | "embedder" | "chunker">,
): Promise<IndexExpectation> {
  return {
    corpusSha256: await readCorpusChecksum(options.corpusDir),
    embedderId: embedderIdFor(options.embedder),
    chunker: options.chunker ?? DEFAULT_CHUNKER_SETTINGS,
  };
}

/** Loads the index; builds it first when it is missing, stale, foreign or corrupted. */
export async function ensureIndex(options: EnsureIndexOptions): Promise<LoadedIndex> {
  const expected = await expectationFor(options);
  try {
    return await loadIndex(options.indexDir, options.embedder, expected);
  } catch (error) {
    if (!(error instanceof IndexError) || error.reason === "locked") throw error;
    options.onRebuild?.(error);
  }
  await buildIndex({
    corpusDir: options.corpusDir,
    indexDir: options.indexDir,
    embedder: options.embedder,
    chunker: options.chunker,
    onProgress: options.onProgress,
  });
  return loadIndex(options.indexDir, options.embedder, expected);
}
