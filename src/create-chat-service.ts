import { abbreviationsOf } from "./answer/abbreviations.js";
import { ChatService } from "./answer/chat-service.js";
import { ExtractiveAnswerer } from "./answer/extractive-answerer.js";
import type { LanguageModelAnswerer } from "./answer/language-model.js";
import { ReportGuide } from "./answer/report-guide.js";
import { mainTopics, outlineOf } from "./answer/report-outline.js";
import type { Logger } from "./logger.js";
import { documentRetriever, documentTables } from "./retrieval/document-scope.js";
import { HybridRetriever } from "./retrieval/hybrid-retriever.js";
import type { LoadedIndex } from "./retrieval/load-index.js";
import { answerFromTables } from "./tables/answer-from-tables.js";
import type { TableRecord } from "./tables/table-record.js";
import { compactText } from "./text/normalize.js";
import type { AnswerMode } from "./types.js";
import type { TableCellFact } from "./verify/table-cell-fact.js";

export interface ChatServiceWiring {
  index: LoadedIndex;
  logger: Logger;
  mode: AnswerMode;
  languageModel?: LanguageModelAnswerer;
  /**
   * Narrows retrieval, table answers and "is it in the report" to one document (its `Chunk.source`);
   * naming the index's only document changes nothing.
   */
  document?: string;
}

const ESCAPED = /[.*+?^${}()|[\]\\]/gu;

/**
 * Whether a term occurs in the report: a Latin word as a whole word ("ILO" is not found in
 * "ILO100"), anything else anywhere, spaces ignored.
 */
function occursIn(reportText: string, compactReport: string, term: string): boolean {
  const normalized = term.normalize("NFKC").toLowerCase();
  if (!/^[a-z0-9+.\-\s]+$/u.test(normalized)) return compactReport.includes(compactText(normalized));
  return new RegExp(`(?<![a-z0-9])${normalized.replace(ESCAPED, "\\$&")}(?![a-z0-9])`, "u").test(reportText);
}

/** Terms asked about recently and whether the report holds them: each answer checks the same few again. */
const PRESENCE_LIMIT = 4096;
/** Longer terms are looked up each time, so what is kept stays small whatever is asked. */
const PRESENCE_TERM_LENGTH = 64;

/** `occursIn` over one report, each term's answer kept so the report is scanned once per term, not per question. */
function presenceIn(reportText: string): (term: string) => boolean {
  const compactReport = compactText(reportText);
  const known = new Map<string, boolean>();
  return (term) => {
    if (term.length > PRESENCE_TERM_LENGTH) return occursIn(reportText, compactReport, term);
    let found = known.get(term);
    if (found === undefined) {
      found = occursIn(reportText, compactReport, term);
      if (known.size >= PRESENCE_LIMIT) known.clear();
      known.set(term, found);
    }
    return found;
  };
}

/** The numeric cells of the parsed tables, by the chunk that holds them, as the figure check reads them. */
function cellsByChunk(tables: TableRecord[]): Map<string, TableCellFact[]> {
  const byChunk = new Map<string, TableCellFact[]>();
  for (const table of tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, position) => {
        if (typeof cell.value !== "number") return;
        const fact: TableCellFact = {
          caption: table.caption,
          row: row.label,
          column: table.columns[position] ?? "",
          text: cell.text,
          unit: table.unit,
          chunkId: cell.chunkId,
          start: cell.start,
        };
        byChunk.set(cell.chunkId, [...(byChunk.get(cell.chunkId) ?? []), fact]);
      });
    }
  }
  return byChunk;
}

/**
 * A word the report never uses weighs as much as a common one, not as the rarest: no passage can hold
 * it, and a reader's paraphrase should not sink the sentence that answers.
 */
const UNSEEN_TERM_WEIGHT = 1.5;

function termWeightIn(index: LoadedIndex, term: string): number {
  const word = term.toLowerCase();
  return index.bm25.documentFrequency(word) > 0 ? Math.max(0.2, index.bm25.idf(word)) : UNSEEN_TERM_WEIGHT;
}

/** Puts retrieval and the answerers together over a loaded index. */
export function createChatService(wiring: ChatServiceWiring): ChatService {
  const document = wiring.index.chunks.some((chunk) => chunk.source !== wiring.document) ? wiring.document : undefined;
  const index =
    document === undefined ? wiring.index : { ...wiring.index, tables: documentTables(wiring.index, document) };
  const chunks = document === undefined ? index.chunks : index.chunks.filter((chunk) => chunk.source === document);
  const byId = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));
  const reportText = chunks
    .map((chunk) => chunk.text)
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();
  const tableCells = cellsByChunk(index.tables.tables);
  return new ChatService({
    retriever: document === undefined ? new HybridRetriever(index) : documentRetriever(index, document),
    extractive: new ExtractiveAnswerer({
      termWeight: (term) => termWeightIn(index, term),
      topics: mainTopics(outlineOf(chunks)),
    }),
    chunkById: (id) => byId.get(id),
    guide: new ReportGuide(chunks),
    abbreviations: abbreviationsOf(chunks),
    inReport: presenceIn(reportText),
    logger: wiring.logger,
    tables: (question, language) => answerFromTables(question, index.tables, { lang: language, statedFigures: false }),
    tableCells: (chunkId) => tableCells.get(chunkId) ?? [],
    languageModel: wiring.languageModel,
    defaultMode: wiring.mode,
  });
}

/** One chat service per document of the index, created on first use. */
export function chatServicesByDocument(wiring: ChatServiceWiring): (document: string) => ChatService {
  const services = new Map<string, ChatService>();
  return (document) => {
    let service = services.get(document);
    if (!service) {
      service = createChatService({ ...wiring, document });
      services.set(document, service);
    }
    return service;
  };
}
