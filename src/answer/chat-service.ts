import type { Logger } from "../logger.js";
import type { HybridRetriever, RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import type { Language } from "../text/language.js";
import type { AnswerMode, AnswerTable, ChatMessage, ChatResponse, Chunk, Citation, Figure } from "../types.js";
import { checkFigures } from "../verify/check-figures.js";
import type { TableCellFact } from "../verify/table-cell-fact.js";
import { type AnswerSink, answerPieces } from "./answer-sink.js";
import { citationOf } from "./citation.js";
import { splitConversation, type UnderstoodQuestion, understandQuestion } from "./conversation.js";
import type { ExtractiveAnswerer } from "./extractive-answerer.js";
import type { LanguageModelAnswerer } from "./language-model.js";
import { analyzeQuestion, type QuestionAnalysis, questionParts, withAbbreviations } from "./question-analysis.js";
import type { ReportGuide } from "./report-guide.js";

/** An answer computed from the report's tables, with the chunks holding them as citations [1], [2] … */
export interface TableBackedAnswer {
  text: string;
  citedChunkIds: string[];
  figures: Figure[];
  table: AnswerTable;
}

export type TableAnswerer = (question: string, language: Language) => TableBackedAnswer | null;

export interface ChatServiceOptions {
  retriever: Pick<HybridRetriever, "retrieve">;
  extractive: ExtractiveAnswerer;
  chunkById: (id: string) => Chunk | undefined;
  /** Whether a term occurs anywhere in the report (case-insensitive, spaces ignored). */
  inReport: (term: string) => boolean;
  /** The report's Chinese terms for the English words of a question (none by default). */
  translateTerms?: (text: string) => string[];
  logger: Logger;
  /** Answers questions over the report's tables; null when the tables do not cover the question. */
  tables?: TableAnswerer;
  /** The parsed table cells a chunk holds, against which figures of table passages are checked. */
  tableCells?: (chunkId: string) => TableCellFact[];
  /** The abbreviations the report spells out, short form in lower case → its written-out forms. */
  abbreviations?: Map<string, string[]>;
  /** Answers greetings, overviews and lists of sections from the report's structure. */
  guide?: ReportGuide;
  /** Present when an LLM is configured. */
  languageModel?: LanguageModelAnswerer;
  defaultMode: AnswerMode;
  /** Passages given to the answerer. @default 5 */
  defaultK?: number;
}

export interface ChatRequest {
  messages: ChatMessage[];
  k?: number;
  signal?: AbortSignal;
}

function citationsOf(retrieved: RetrievedChunk[]): Citation[] {
  return retrieved.map((item, position) => citationOf(item.chunk, position + 1, item.score));
}

/** Every figure with a status: a traced one is verified, a computed one derived. */
function withStatuses(response: ChatResponse): ChatResponse {
  const figures = response.figures.map(
    (figure): Figure =>
      figure.status
        ? figure
        : { ...figure, status: figure.source ? "verified" : figure.derivation ? "derived" : "unverified" },
  );
  return { ...response, figures };
}

/**
 * A table answer in the wrong kind of unit answers another question: money asked, shares given
 * (or a count of people asked, a percentage given).
 */
function tableAnswerFits(answer: TableBackedAnswer, analysis: QuestionAnalysis): boolean {
  const unit = answer.table.unit ?? "";
  // A year or period the question names must be one the answer is about.
  const about = `${answer.text} ${answer.table.caption} ${answer.table.columns.join(" ")}`;
  const years = analysis.anchors.filter((anchor) => /^(19|20)\d{2}$/u.test(anchor));
  if (years.some((year) => !about.includes(year))) return false;
  if (analysis.wantsMoney && !/美元|dollar/iu.test(unit)) return false;
  // A cause is not a figure.
  if (analysis.wantsReason) return false;
  // "哪些国家…" asks for names, which a table of figures does not give.
  if (analysis.wantsList && !analysis.wantsNumber) return false;
  if (analysis.wantsCount && /%|百分/u.test(unit)) return false;
  // A share asked, amounts given.
  if (analysis.wantsShare && !/%|百分|percent/iu.test(`${unit} ${answer.text}`)) return false;
  return true;
}

/**
 * What a follow-up asks for: what it asks itself, or, when it asks nothing of its own ("那成果目标5呢？"),
 * what the question it continues asked.
 */
function askedBy(
  followUp: QuestionAnalysis,
  conversation: QuestionAnalysis,
): Pick<
  QuestionAnalysis,
  | "wantsNumber"
  | "wantsList"
  | "wantsEntity"
  | "wantsMoney"
  | "wantsCount"
  | "wantsShare"
  | "wantsDate"
  | "wantsPlace"
  | "wantsReason"
  | "counted"
> {
  const asks = (analysis: QuestionAnalysis) =>
    analysis.wantsNumber || analysis.wantsList || analysis.wantsEntity || analysis.wantsDate || analysis.wantsReason;
  const source = asks(followUp) ? followUp : conversation;
  const { wantsNumber, wantsList, wantsEntity, wantsMoney, wantsCount, wantsShare, wantsDate, counted } = source;
  const { wantsPlace, wantsReason } = source;
  return {
    wantsNumber,
    wantsList,
    wantsEntity,
    wantsMoney,
    wantsCount,
    wantsShare,
    wantsDate,
    wantsPlace,
    wantsReason,
    counted,
  };
}

/**
 * Passages the extractive answerer reads when the request does not say: more than a language model
 * is given, since it cites only those it quotes (measured on the tuning set).
 */
export const EXTRACTIVE_PASSAGES = 8;

/** Retrieval, then an answer from the tables, an LLM or the passages themselves, with every figure traced. */
export class ChatService {
  private readonly defaultK: number;

  constructor(private readonly options: ChatServiceOptions) {
    this.defaultK = options.defaultK ?? 5;
  }

  private analyze(question: string): QuestionAnalysis {
    const analysis = analyzeQuestion(question, this.options.inReport, this.options.translateTerms);
    return withAbbreviations(analysis, question, this.options.abbreviations ?? new Map());
  }

  get mode(): AnswerMode {
    return this.options.defaultMode;
  }

  /** The query retrieval runs for a text, as answers run it (an English text gains the report's own terms). */
  retrievalQuery(text: string): string {
    return this.analyze(text).retrievalQuery;
  }

  /** Answers the last user message of a conversation; with a sink, streams it as it is produced. */
  async answer(request: ChatRequest, sink?: AnswerSink): Promise<ChatResponse> {
    const { question, history } = splitConversation(request.messages);
    const k = request.k ?? this.defaultK;
    const understood = understandQuestion(question, history);
    const resolved = understood.query;
    const analysis = this.analyze(question);
    const guided = resolved === question ? this.options.guide?.reply(question, analysis.language) : undefined;
    if (guided) {
      const { evidence: _evidence, ...reply } = guided;
      return this.emit({ ...reply, mode: "extractive", resolvedQuery: resolved }, sink);
    }
    if (this.options.defaultMode === "llm" && this.options.languageModel) {
      try {
        return await this.answerWithModel(
          this.options.languageModel,
          question,
          history,
          analysis,
          k,
          request.signal,
          sink,
        );
      } catch (error) {
        if (request.signal?.aborted) throw error;
        this.options.logger.warn({ err: error }, "language model failed; answering from the passages");
        const fallback =
          this.answerFromTables(resolved, analysis) ??
          (await this.answerFromPassages(question, understood, analysis, request.k));
        const notice =
          `The language model did not answer (${(error as Error).message}); this answer was extracted from the ` +
          `report.`;
        sink?.restart?.(notice);
        return this.emit({ ...fallback, mode: "extractive", notice }, sink);
      }
    }
    // A follow-up that asks nothing of its own asks what the question it continues asked.
    const asked = resolved === question ? analysis : { ...analysis, ...askedBy(analysis, this.analyze(resolved)) };
    const fromTables = this.answerFromTables(resolved, asked);
    if (fromTables) return this.emit(fromTables, sink);
    return this.emit(await this.answerFromPassages(question, understood, analysis, request.k), sink);
  }

  /**
   * `resolved` is the question as understood, with what it leans on from earlier turns; `analysis`
   * says what it asks for.
   */
  private answerFromTables(resolved: string, analysis: QuestionAnalysis): ChatResponse | undefined {
    if (!this.options.tables) return undefined;
    // A follow-up is answered as it was understood, never from its own few words. A multi-part
    // question is answered from the tables only when they answer every part.
    const parts = questionParts(resolved);
    if (parts.some((part) => !this.options.tables?.(part, analysis.language))) return undefined;
    const tableAnswer = this.options.tables(resolved, analysis.language);
    if (!tableAnswer || !tableAnswerFits(tableAnswer, analysis)) return undefined;
    const citations: Citation[] = tableAnswer.citedChunkIds.flatMap((chunkId, position) => {
      const chunk = this.options.chunkById(chunkId);
      return chunk ? [citationOf(chunk, position + 1, 1)] : [];
    });
    return {
      answer: tableAnswer.text,
      found: true,
      citations,
      figures: tableAnswer.figures,
      mode: this.options.defaultMode,
      table: tableAnswer.table,
      resolvedQuery: resolved,
    };
  }

  /**
   * Retrieves for the question as understood. A follow-up that swapped an identifier is a complete
   * question, answered as such; any other follow-up's analysis gains the earlier turns' terms as context.
   */
  private async retrieveFor(
    understood: UnderstoodQuestion,
    analysis: QuestionAnalysis,
    k: number,
  ): Promise<{ analysis: QuestionAnalysis; retrieved: RetrievedChunk[] }> {
    if (understood.reading === "alone")
      return { analysis, retrieved: await this.options.retriever.retrieve(analysis.retrievalQuery, k) };
    const conversation = this.analyze(understood.query);
    const retrieved = await this.options.retriever.retrieve(conversation.retrievalQuery, k);
    if (understood.reading === "swapped")
      return { analysis: { ...conversation, language: analysis.language }, retrieved };
    const contextTerms = conversation.terms.filter((term) => !analysis.terms.includes(term));
    return { analysis: { ...analysis, ...askedBy(analysis, conversation), contextTerms }, retrieved };
  }

  private async answerFromPassages(
    question: string,
    understood: UnderstoodQuestion,
    analysis: QuestionAnalysis,
    k: number | undefined,
  ): Promise<ChatResponse> {
    const passages = k ?? EXTRACTIVE_PASSAGES;
    const { analysis: withContext, retrieved } = await this.retrieveFor(understood, analysis, passages);
    const parts = questionParts(question).map((part) => this.analyze(part));
    const { evidence: _evidence, ...result } = this.options.extractive.answer(withContext, retrieved, parts);
    return { ...result, mode: "extractive", resolvedQuery: understood.query };
  }

  private async answerWithModel(
    model: LanguageModelAnswerer,
    question: string,
    history: ChatMessage[],
    analysis: QuestionAnalysis,
    k: number,
    signal: AbortSignal | undefined,
    sink: AnswerSink | undefined,
  ): Promise<ChatResponse> {
    const standalone = history.length > 0 ? await model.condenseQuestion(question, history, signal) : question;
    const standaloneAnalysis =
      standalone === question ? analysis : { ...this.analyze(standalone), language: analysis.language };
    // A follow-up is answered from the tables only when the question it stands for is a table question.
    const fromTables = this.answerFromTables(standalone, standaloneAnalysis);
    if (fromTables) return this.emit(fromTables, sink);
    const retrievalQuery = standaloneAnalysis.retrievalQuery;
    const retrieved = await this.options.retriever.retrieve(retrievalQuery, k);
    const passages = citationsOf(retrieved);
    sink?.citations(passages);
    const answer = await model.answer(
      { question: standalone, history, passages, language: analysis.language },
      sink ? (text) => sink.delta(text) : undefined,
      signal,
    );
    return this.verifiedModelAnswer(answer, passages, standalone);
  }

  /** Keeps the passages the answer cites and checks each number it states against the passage its sentence cites. */
  private verifiedModelAnswer(answer: string, passages: Citation[], resolvedQuery: string): ChatResponse {
    const { figures, unknownMarkers } = checkFigures(answer, passages, { cellsOfChunk: this.options.tableCells });
    const unchecked = figures.filter((figure) => figure.status === "unverified" || figure.status === "cited-elsewhere");
    if (unchecked.length > 0 || unknownMarkers.length > 0)
      this.options.logger.warn(
        {
          unknownMarkers,
          figures: unchecked.map(({ value, unit, status, citation, foundIn, reason, quantity }) => ({
            value,
            unit,
            status,
            citation,
            foundIn,
            reason,
            quantity,
          })),
        },
        "numbers the cited passages do not state",
      );
    const found = !/没有找到|not (in|found in) the (report|passages)|does not say/iu.test(answer);
    const response: ChatResponse = {
      answer,
      found,
      citations: found ? passages : [],
      figures,
      mode: "llm",
      resolvedQuery,
    };
    const unverified = figures.filter((figure) => figure.status === "unverified").map((figure) => figure.value);
    if (unverified.length > 0) response.unverifiedFigures = unverified;
    return response;
  }

  private emit(unchecked: ChatResponse, sink?: AnswerSink): ChatResponse {
    const response = withStatuses(unchecked);
    if (sink) {
      sink.citations(response.citations);
      for (const piece of answerPieces(response.answer)) sink.delta(piece);
    }
    return response;
  }
}
