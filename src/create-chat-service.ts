import { ChatService } from "./answer/chat-service.js";
import { ExtractiveAnswerer } from "./answer/extractive-answerer.js";
import type { LanguageModelAnswerer } from "./answer/language-model.js";
import type { Logger } from "./logger.js";
import { HybridRetriever } from "./retrieval/hybrid-retriever.js";
import type { LoadedIndex } from "./retrieval/load-index.js";
import { compactText } from "./text/normalize.js";
import { answerFromTables } from "./tables/answer-from-tables.js";
import type { AnswerMode } from "./types.js";

export interface ChatServiceWiring {
  index: LoadedIndex;
  logger: Logger;
  mode: AnswerMode;
  languageModel?: LanguageModelAnswerer;
}

/** Puts retrieval and the answerers together over a loaded index. */
export function createChatService(wiring: ChatServiceWiring): ChatService {
  const { index } = wiring;
  const byId = new Map(index.chunks.map((chunk) => [chunk.id, chunk]));
  const reportText = compactText(index.chunks.map((chunk) => chunk.text).join("")).toLowerCase();
  return new ChatService({
    retriever: new HybridRetriever(index),
    extractive: new ExtractiveAnswerer({ termWeight: (term) => Math.max(0.2, index.bm25.idf(term)) }),
    chunkById: (id) => byId.get(id),
    inReport: (term) => reportText.includes(compactText(term).toLowerCase()),
    logger: wiring.logger,
    tables: (question, language) => answerFromTables(question, index.tables, { lang: language, statedFigures: false }),
    languageModel: wiring.languageModel,
    defaultMode: wiring.mode,
  });
}
