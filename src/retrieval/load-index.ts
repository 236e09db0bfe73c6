import { readFile } from "node:fs/promises";
import path from "node:path";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { pdfPageUrlOf } from "../documents/document-url.js";
import { type EmbedderSettings, embedderForQueries, embedderIdFor } from "../embedding/create-embedder.js";
import type { Embedder } from "../embedding/embedder.js";
import { IndexError } from "../errors.js";
import { PROFILE_FILE, type ReportProfile, reportProfileSchema } from "../profile/report-profile.js";
import { loadTables, type TableStore } from "../tables/table-store.js";
import type { Chunk } from "../types.js";
import { Bm25Index, bm25Terms, bm25TermsOfWords } from "./bm25-index.js";
import { CHUNKS_FILE, EMBEDDER_FILE, TABLES_FILE, WORDS_FILE } from "./build-index.js";
import { readStoredVectors } from "./hnsw-file.js";
import {
  currentBuildDir,
  describeMismatch,
  type IndexExpectation,
  type IndexManifest,
  readManifest,
  verifyChecksums,
} from "./index-manifest.js";
import { VectorNeighbours } from "./vector-neighbours.js";

/** An index in memory: passages, their vectors, the word index and the tables. */
export interface LoadedIndex {
  buildDir: string;
  manifest: IndexManifest;
  chunks: Chunk[];
  vectorStore: HNSWLib;
  /** The same vectors, searched without a document lookup per neighbour. */
  neighbours: VectorNeighbours;
  embedder: Embedder;
  bm25: Bm25Index;
  tables: TableStore;
  /** What the report is about: title, outline, topics, bilingual pairs, documents. */
  profile: ReportProfile;
}

/** The file `HNSWLib.save` writes the graph to. */
const VECTOR_FILE = "hnswlib.index";

/** Candidates the vector search keeps while walking the graph (hnswlib's `ef`). */
const SEARCH_BREADTH = 400;

async function readJson<T>(buildDir: string, file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(path.join(buildDir, file), "utf8")) as T;
  } catch (cause) {
    throw new IndexError("corrupted", `index file ${file} in ${buildDir} cannot be read; run \`npm run ingest\``, {
      cause,
    });
  }
}

/**
 * The word-index terms of each passage, from the retrieval words saved with the index (an index built
 * before they were saved has its passages segmented again).
 */
async function passageTerms(buildDir: string, manifest: IndexManifest, chunks: Chunk[]): Promise<string[][]> {
  if (!(WORDS_FILE in manifest.files)) return chunks.map((chunk) => bm25Terms(chunk.text));
  const words = await readJson<unknown>(buildDir, WORDS_FILE);
  const valid =
    Array.isArray(words) &&
    words.length === chunks.length &&
    words.every((list) => Array.isArray(list) && list.every((word) => typeof word === "string"));
  if (!valid)
    throw new IndexError(
      "corrupted",
      `${WORDS_FILE} in ${buildDir} does not match its passages; run \`npm run ingest\``,
    );
  return (words as string[][]).map(bm25TermsOfWords);
}

/**
 * Loads the current index, after checking that every file matches its checksum and that it was built
 * from this corpus with this embedder. Throws an `IndexError` that says what to do otherwise.
 */
export async function loadIndex(
  indexDir: string,
  embedderSettings: EmbedderSettings,
  expected?: IndexExpectation,
): Promise<LoadedIndex> {
  const buildDir = await currentBuildDir(indexDir);
  if (!buildDir) throw new IndexError("missing", `no index in ${indexDir}; run \`npm run ingest\``);
  const manifest = await readManifest(buildDir);
  const mismatch = describeMismatch(
    manifest,
    expected ?? {
      corpusSha256: manifest.corpus.sha256,
      embedderId: embedderIdFor(embedderSettings),
      chunker: manifest.chunker,
    },
  );
  if (mismatch) throw mismatch;
  await verifyChecksums(buildDir, manifest);
  const chunks = await readJson<Chunk[]>(buildDir, CHUNKS_FILE);
  if (!Array.isArray(chunks) || chunks.length !== manifest.counts.chunks) {
    throw new IndexError(
      "corrupted",
      `the index in ${buildDir} holds ${Array.isArray(chunks) ? chunks.length : "no list of"} chunks, ` +
        `not the ${manifest.counts.chunks} its manifest counts; run \`npm run ingest\``,
    );
  }
  const embedder = await embedderForQueries(
    embedderSettings,
    await readJson<unknown>(buildDir, EMBEDDER_FILE),
    manifest.embedder.dimension,
  );
  let vectorStore: HNSWLib;
  try {
    vectorStore = await HNSWLib.load(buildDir, embedder.embeddings);
  } catch (cause) {
    throw new IndexError("corrupted", `the vector index in ${buildDir} cannot be loaded; run \`npm run ingest\``, {
      cause,
    });
  }
  // hnswlib searches a graph: with its default breadth (10) it misses true nearest neighbours, so
  // the search looks at many candidates (all of a small index).
  vectorStore.index.setEf(Math.min(Math.max(chunks.length, 1), SEARCH_BREADTH));
  // The graph's vectors, read again from its file, let sparse queries be compared with every passage.
  const storedVectors = readStoredVectors(
    await readFile(path.join(buildDir, VECTOR_FILE)),
    vectorStore.index.getNumDimensions(),
  );
  const tables = loadTables(await readFile(path.join(buildDir, TABLES_FILE), "utf8"));
  const profile = reportProfileSchema.safeParse(await readJson<unknown>(buildDir, PROFILE_FILE));
  if (!profile.success) {
    throw new IndexError("corrupted", `the report profile in ${buildDir} is not valid; run \`npm run ingest\``);
  }
  const titles = new Map(profile.data.documents.map((document) => [document.id, document.title]));
  const pdfs = new Set(profile.data.documents.filter((document) => document.format === "pdf").map(({ id }) => id));
  for (const chunk of chunks) {
    const title = titles.get(chunk.source);
    if (title !== undefined) chunk.documentTitle = title;
    if (chunk.page !== undefined && pdfs.has(chunk.source)) chunk.url = pdfPageUrlOf(chunk.source, chunk.page);
  }
  return {
    buildDir,
    manifest,
    chunks,
    vectorStore,
    neighbours: new VectorNeighbours(vectorStore, storedVectors),
    embedder,
    bm25: new Bm25Index(await passageTerms(buildDir, manifest, chunks)),
    tables,
    profile: profile.data,
  };
}
