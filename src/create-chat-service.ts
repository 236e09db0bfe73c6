import { abbreviationsOf } from "./answer/abbreviations.js";
import { ChatService } from "./answer/chat-service.js";
import { ExtractiveAnswerer } from "./answer/extractive-answerer.js";
import type { LanguageModelAnswerer } from "./answer/language-model.js";
import { ReportGuide } from "./answer/report-guide.js";
import { mainTopics, outlineOf } from "./answer/report-outline.js";
import type { Logger } from "./logger.js";
import { createTermTranslator } from "./profile/term-translator.js";
import { documentRetriever, documentTables } from "./retrieval/document-scope.js";
import { HybridRetriever } from "./retrieval/hybrid-retriever.js";
import type { LoadedIndex } from "./retrieval/load-index.js";
import { answerFromTables } from "./tables/answer-from-tables.js";
import type { TableRecord } from "./tables/table-record.js";
import { compactText } from "./text/normalize.js";
import { contentWords } from "./text/segmenter.js";
import type { AnswerMode, Chunk } from "./types.js";
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

/** Share of the passages above which a name of the title names the report's subject. */
const SUBJECT_WORD_SHARE = 0.2;

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
          // A row with fewer cells than columns is aligned on the right.
          column: table.columns[position + table.columns.length - row.cells.length] ?? "",
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
 * The names of the report's subject: words of its titles and of the long forms of its
 * abbreviations that are names (long enough) and found in many of its passages.
 */
function subjectWordsOf(index: LoadedIndex): Set<string> {
  const { profile } = index;
  const names = [
    ...profile.documents.map((document) => document.title),
    ...profile.abbreviations.map((entry) => entry.long),
  ];
  const isName = (word: string) => (/\p{Script=Han}/u.test(word) ? word.length >= 4 : /^\p{L}{6,}$/u.test(word));
  return new Set(
    contentWords(names.join(" ")).filter(
      (word) => isName(word) && index.bm25.documentShare(word) >= SUBJECT_WORD_SHARE,
    ),
  );
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

/** The title of the document a service answers from, or of the whole corpus. */
function titleOf(index: LoadedIndex, document: string | undefined): string {
  const scoped = index.profile.documents.find((entry) => entry.id === document);
  return scoped?.title ?? index.profile.title;
}

/** Each passage's next one in the same document and section, by id. */
function followingChunks(chunks: Chunk[]): Map<string, Chunk> {
  const following = new Map<string, Chunk>();
  chunks.forEach((chunk, position) => {
    const next = chunks[position + 1];
    if (next && next.source === chunk.source && next.section === chunk.section) following.set(chunk.id, next);
  });
  return following;
}

/** Puts retrieval and the answerers together over a loaded index. */
export function createChatService(wiring: ChatServiceWiring): ChatService {
  const document = wiring.index.chunks.some((chunk) => chunk.source !== wiring.document) ? wiring.document : undefined;
  const index =
    document === undefined ? wiring.index : { ...wiring.index, tables: documentTables(wiring.index, document) };
  const chunks = document === undefined ? index.chunks : index.chunks.filter((chunk) => chunk.source === document);
  const byId = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));
  const following = followingChunks(index.chunks);
  const reportText = chunks
    .map((chunk) => chunk.text)
    .join("\n")
    .normalize("NFKC")
    .toLowerCase();
  const subjectWords = subjectWordsOf(index);
  const tableCells = cellsByChunk(index.tables.tables);
  const translateTerms = createTermTranslator(index.profile.bilingualPairs, index.profile.dictionary);
  return new ChatService({
    retriever: document === undefined ? new HybridRetriever(index) : documentRetriever(index, document),
    extractive: new ExtractiveAnswerer({
      // A word of the report's title found in many passages names the report's own subject (its
      // organisation, its country): it tells no passage from another, so it is no question term.
      termWeight: (term) => (subjectWords.has(term) ? 0 : termWeightIn(index, term)),
      coverage: {
        title: titleOf(index, document),
        topics: document === undefined ? index.profile.topics : mainTopics(outlineOf(chunks)),
      },
      followingChunk: (chunk) => following.get(chunk.id),
    }),
    chunkById: (id) => byId.get(id),
    guide: new ReportGuide(chunks),
    abbreviations: abbreviationsOf(chunks),
    inReport: presenceIn(reportText),
    translateTerms,
    logger: wiring.logger,
    tables: (question, language) =>
      answerFromTables(question, index.tables, {
        lang: language,
        statedFigures: false,
        translateTerms,
        bilingualPairs: index.profile.bilingualPairs,
      }),
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
