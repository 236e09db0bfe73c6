/**
 * The ingestion pipeline: clean a report, recognise its structure, cut it into passages.
 *
 * @module
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { Chunk } from "../types.js";
import { cleanReport } from "./clean-report.js";
import type { CorpusDocument } from "./load-corpus.js";
import { type ReportSection, recogniseStructure } from "./report-structure.js";
import { type ChunkerSettings, splitSection, validateChunkerSettings } from "./split-into-chunks.js";

export type { ChunkerSettings } from "./split-into-chunks.js";
export { ChunkerSettingsError } from "./split-into-chunks.js";

/**
 * Passage sizes used unless told otherwise.
 *
 * @default { chunkSize: 360, chunkOverlap: 50 } (measured: see the README)
 */
export const DEFAULT_CHUNKER_SETTINGS: ChunkerSettings = Object.freeze({ chunkSize: 360, chunkOverlap: 50 });

/** Progress of ingestion, reported after each step. */
export interface IngestProgress {
  stage: "clean" | "structure" | "split";
  /** File name of the report being ingested. */
  source: string;
  /** Steps done in this stage (sections split, for `split`). */
  done: number;
  total: number;
}

/** What ingestion produced. */
export interface IngestedReport {
  chunks: Chunk[];
  /** Distinct section paths, joined with ` > `, in reading order. */
  sections: string[];
  /** Number of tables recognised (a table split into several chunks counts once). */
  tables: number;
  /** Number of distinct links (URLs) found. */
  links: number;
}

/** What ingestion produced for each document of a corpus, and for the corpus as a whole. */
export interface IngestedCorpus extends IngestedReport {
  documents: Array<{ document: CorpusDocument; report: IngestedReport }>;
}

const SECTION_SEPARATOR = " > ";

/**
 * Ingests one report.
 *
 * Chunk ids read `<file stem>:<8 hex of sha1(section path)>:<n>`, `n` counting the chunks of the
 * section from 0: the same text gives the same ids, and editing one section leaves the ids of the
 * others unchanged.
 *
 * @throws {ChunkerSettingsError} when `settings.chunkOverlap >= settings.chunkSize`.
 */
export async function ingestDocument(
  document: CorpusDocument,
  settings: ChunkerSettings = DEFAULT_CHUNKER_SETTINGS,
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestedReport> {
  validateChunkerSettings(settings);
  const source = document.source;
  const cleaned = cleanReport(document.text, { linePages: document.linePages });
  onProgress?.({ stage: "clean", source, done: 1, total: 1 });
  const structure = recogniseStructure(cleaned);
  onProgress?.({ stage: "structure", source, done: 1, total: 1 });

  const chunks: Chunk[] = [];
  const sections: string[] = [];
  let tables = 0;
  for (const [index, section] of structure.sections.entries()) {
    const sectionChunks = await chunksOfSection(section, settings, source);
    chunks.push(...sectionChunks);
    if (sectionChunks.length > 0) sections.push(section.path.join(SECTION_SEPARATOR));
    tables += section.items.filter((item) => item.kind === "table").length;
    onProgress?.({ stage: "split", source, done: index + 1, total: structure.sections.length });
  }
  return { chunks, sections, tables, links: cleaned.links.length };
}

/**
 * Ingests every report of the corpus, one after the other, and merges the results.
 *
 * @throws {ChunkerSettingsError} when `settings.chunkOverlap >= settings.chunkSize`.
 */
export async function ingestCorpus(
  documents: CorpusDocument[],
  settings: ChunkerSettings = DEFAULT_CHUNKER_SETTINGS,
  onProgress?: (progress: IngestProgress) => void,
): Promise<IngestedCorpus> {
  validateChunkerSettings(settings);
  const merged: IngestedCorpus = { chunks: [], sections: [], tables: 0, links: 0, documents: [] };
  for (const document of documents) {
    const report = await ingestDocument(document, settings, onProgress);
    merged.documents.push({ document, report });
    merged.chunks.push(...report.chunks);
    for (const section of report.sections) if (!merged.sections.includes(section)) merged.sections.push(section);
    merged.tables += report.tables;
    merged.links += report.links;
  }
  return merged;
}

async function chunksOfSection(section: ReportSection, settings: ChunkerSettings, source: string): Promise<Chunk[]> {
  const passages = await splitSection(section, settings);
  const sectionName = section.path.join(SECTION_SEPARATOR);
  const idPrefix = `${sourceStem(source)}:${sha1(sectionName).slice(0, 8)}`;
  return passages.map((passage, position) => {
    const chunk: Chunk = {
      id: `${idPrefix}:${position}`,
      text: passage.text,
      sectionPath: [...section.path],
      section: sectionName,
      kind: passage.kind,
      source,
    };
    if (passage.label !== undefined) chunk.label = passage.label;
    if (passage.page !== undefined) chunk.page = passage.page;
    if (section.links.length > 0) chunk.links = [...section.links];
    return chunk;
  });
}

function sourceStem(source: string): string {
  return path.basename(source).replace(/\.txt$/iu, "");
}

function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}
