import { rmSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { Document } from "@langchain/core/documents";
import { type EmbedderSettings, embedderForBuild, embedderIdFor, embedderState } from "../embedding/create-embedder.js";
import {
  type ChunkerSettings,
  DEFAULT_CHUNKER_SETTINGS,
  type IngestProgress,
  ingestCorpus,
} from "../ingest/ingest-report.js";
import { corpusChecksum, loadCorpus } from "../ingest/load-corpus.js";
import { deriveProfile } from "../profile/derive-profile.js";
import { deriveReportDictionary } from "../profile/report-dictionary.js";
import { PROFILE_FILE } from "../profile/report-profile.js";
import { writeFileAtomic } from "../storage/atomic-write.js";
import { fileSha256 } from "../storage/file-checksum.js";
import { extractTables } from "../tables/extract-tables.js";
import { serializeTables } from "../tables/table-store.js";
import { retrievalWords } from "../text/tokenizer.js";
import type { Chunk } from "../types.js";
import { acquireIndexLock } from "./index-lock.js";
import {
  CURRENT_POINTER,
  currentBuildDir,
  INDEX_FORMAT_VERSION,
  type IndexManifest,
  MANIFEST_FILE,
} from "./index-manifest.js";

export const CHUNKS_FILE = "chunks.json";
export const EMBEDDER_FILE = "embedder.json";
export const TABLES_FILE = "tables.json";
/** The retrieval words of each passage, in passage order: the word index is built from them at load. */
export const WORDS_FILE = "words.json";

export type BuildProgress = IngestProgress | { stage: "embed"; done: number; total: number } | { stage: "save" };

export interface BuildIndexOptions {
  corpusDir: string;
  indexDir: string;
  embedder: EmbedderSettings;
  chunker?: ChunkerSettings;
  onProgress?: (progress: BuildProgress) => void;
  /** How long to wait for another process's ingest to finish before giving up, in milliseconds. @default 0 */
  lockWaitMs?: number;
}

export interface BuildSummary {
  buildDir: string;
  manifest: IndexManifest;
}

const EMBED_BATCH = 64;

async function embedChunks(
  chunks: Chunk[],
  embed: (texts: string[]) => Promise<number[][]>,
  onProgress?: (progress: BuildProgress) => void,
): Promise<number[][]> {
  const vectors: number[][] = [];
  for (let start = 0; start < chunks.length; start += EMBED_BATCH) {
    const batch = chunks.slice(start, start + EMBED_BATCH).map((chunk) => chunk.text);
    vectors.push(...(await embed(batch)));
    onProgress?.({ stage: "embed", done: vectors.length, total: chunks.length });
  }
  return vectors;
}

function buildDirName(): string {
  return `build-${new Date().toISOString().replace(/[-:.]/g, "").replace("T", "-").slice(0, 18)}-${process.pid}`;
}

/** Removes every build directory but `keep`: earlier builds and those a crash left half-written. */
async function removeOtherBuilds(indexDir: string, keep: string | undefined): Promise<void> {
  for (const entry of await readdir(indexDir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name.startsWith("build-") && entry.name !== keep) {
      await rm(path.join(indexDir, entry.name), { recursive: true, force: true });
    }
  }
}

/**
 * Runs `write` on a new build directory, which is removed again when `write` fails or the process
 * exits before it is done: a failed build leaves no partial folder to fill the disk.
 */
async function inNewBuildDir<T>(indexDir: string, write: (buildDir: string, name: string) => Promise<T>): Promise<T> {
  const name = buildDirName();
  const buildDir = path.join(indexDir, name);
  const removeOnExit = () => {
    try {
      // Writes still under way in other threads can make a first attempt meet a folder not yet empty.
      rmSync(buildDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 20 });
    } catch {
      // The next build removes what is left before it writes anything.
    }
  };
  process.on("exit", removeOnExit);
  try {
    await mkdir(buildDir, { recursive: true });
    return await write(buildDir, name);
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  } finally {
    process.off("exit", removeOnExit);
  }
}

/**
 * Ingests the corpus and writes a new index beside the current one; only when every file is on disk
 * does `CURRENT` switch to it, so a crash at any point leaves the previous index usable.
 */
export async function buildIndex(options: BuildIndexOptions): Promise<BuildSummary> {
  const started = Date.now();
  await mkdir(options.indexDir, { recursive: true });
  const lock = await acquireIndexLock(options.indexDir, { waitMs: options.lockWaitMs });
  try {
    // Holding the lock, no other build is under way: folders other than the current one are
    // leftovers of failed or killed builds, removed first so that a full disk gets its space back.
    const current = await currentBuildDir(options.indexDir);
    await removeOtherBuilds(options.indexDir, current ? path.basename(current) : undefined);
    const chunker = options.chunker ?? DEFAULT_CHUNKER_SETTINGS;
    const documents = await loadCorpus(options.corpusDir);
    const report = await ingestCorpus(documents, chunker, options.onProgress);
    const extracted = extractTables(report.chunks);
    const profile = deriveProfile(
      report.documents.map(({ document, report: ingested }) => ({
        document,
        chunks: ingested.chunks,
        sections: ingested.sections,
      })),
      await deriveReportDictionary(report.chunks.map((chunk) => chunk.text)),
    );
    const embedder = await embedderForBuild(
      options.embedder,
      report.chunks.map((chunk) => chunk.text),
    );
    const vectors = await embedChunks(
      report.chunks,
      (texts) => embedder.embeddings.embedDocuments(texts),
      options.onProgress,
    );
    const dimension = vectors[0]?.length ?? embedder.identity.dimension;

    options.onProgress?.({ stage: "save" });
    const { buildDir, name, manifest } = await inNewBuildDir(options.indexDir, async (buildDir, name) => {
      const store = new HNSWLib(embedder.embeddings, { space: "cosine", numDimensions: dimension });
      await store.addVectors(
        vectors,
        report.chunks.map(
          (chunk, position) => new Document({ pageContent: chunk.text, metadata: { position, id: chunk.id } }),
        ),
      );
      await store.save(buildDir);
      await writeFile(path.join(buildDir, CHUNKS_FILE), JSON.stringify(report.chunks));
      await writeFile(path.join(buildDir, EMBEDDER_FILE), JSON.stringify(embedderState(embedder)));
      await writeFile(path.join(buildDir, TABLES_FILE), serializeTables(extracted));
      await writeFile(
        path.join(buildDir, WORDS_FILE),
        JSON.stringify(report.chunks.map((chunk) => retrievalWords(chunk.text))),
      );
      await writeFile(path.join(buildDir, PROFILE_FILE), JSON.stringify(profile));

      const files: Record<string, string> = {};
      for (const file of (await readdir(buildDir)).sort()) files[file] = await fileSha256(path.join(buildDir, file));
      const manifest: IndexManifest = {
        formatVersion: INDEX_FORMAT_VERSION,
        corpus: { sha256: corpusChecksum(documents), sources: documents.map((document) => document.source) },
        documents: profile.documents.map(({ id, title, language, format, pages }) => ({
          id,
          title,
          language,
          format,
          pages,
        })),
        embedder: { id: embedderIdFor(options.embedder), dimension },
        chunker,
        counts: {
          chunks: report.chunks.length,
          sections: report.sections.length,
          tables: extracted.tables.length,
          figures: extracted.figures.length,
        },
        builtAt: new Date().toISOString(),
        buildMilliseconds: Date.now() - started,
        files,
      };
      await writeFileAtomic(path.join(buildDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2));
      await lock.verifyHeld();
      await writeFileAtomic(path.join(options.indexDir, CURRENT_POINTER), `${name}\n`);
      return { buildDir, name, manifest };
    });
    await removeOtherBuilds(options.indexDir, name);
    return { buildDir, manifest };
  } finally {
    await lock.release();
  }
}
