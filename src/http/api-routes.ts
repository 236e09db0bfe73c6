import { Router } from "express";
import type { z } from "zod";
import type { ChatService } from "../answer/chat-service.js";
import type { Logger } from "../logger.js";
import { HybridRetriever } from "../retrieval/hybrid-retriever.js";
import type { LoadedIndex } from "../retrieval/load-index.js";
import { searchPassages } from "../retrieval/passage-search.js";
import { ReportDocuments } from "../retrieval/report-documents.js";
import type { ChunkKind } from "../types.js";
import { createPassageRouter } from "./passage-routes.js";
import { chatRequestSchema, searchQuerySchema } from "./request-schemas.js";
import type { searchPageSchema } from "./response-schemas.js";
import { EventStream, wantsEventStream } from "./sse.js";
import { validate } from "./validate.js";

export interface ApiRouterOptions {
  /**
   * The chat service, or the one narrowed to a document (its `Chunk.source`); throws a 503
   * `not_ready` while the index loads.
   */
  getChatService: (document?: string) => ChatService;
  /** The loaded index; read on every request so that a rebuilt index is picked up. */
  getIndex: () => LoadedIndex;
  logger: Logger;
  /** Log question text (at debug level). */
  logQuestions: boolean;
}

/** What searches need of one loaded index, made once per index. */
interface IndexSearch {
  documents: ReportDocuments;
  /** Ranks every passage, so that filters and pages work over the whole ranking. */
  everyPassage: HybridRetriever;
}

/** The search of each loaded index, made on first use. */
function indexSearches(): (index: LoadedIndex) => IndexSearch {
  const searches = new WeakMap<LoadedIndex, IndexSearch>();
  return (index) => {
    let search = searches.get(index);
    if (!search) {
      search = {
        documents: new ReportDocuments(index.chunks),
        everyPassage: new HybridRetriever(index, { candidates: index.chunks.length }),
      };
      searches.set(index, search);
    }
    return search;
  };
}

function listOf(kinds: ChunkKind | ChunkKind[] | undefined): ChunkKind[] | undefined {
  return kinds === undefined ? undefined : [kinds].flat();
}

/** `GET /api/search`, `GET /api/passages/:id` and `POST /api/chat` (JSON or Server-Sent Events). */
export function createApiRouter(options: ApiRouterOptions): Router {
  const router = Router();
  const searchOf = indexSearches();
  router.use(createPassageRouter({ getIndex: options.getIndex }));

  router.get("/api/search", async (request, response) => {
    const query = validate(searchQuerySchema, request.query);
    const index = options.getIndex();
    const chat = options.getChatService();
    const { documents, everyPassage } = searchOf(index);
    const context = {
      everyPassage,
      retrievalQuery: (text: string) => chat.retrievalQuery(text),
    };
    const page = await searchPassages(context, {
      q: query.q,
      k: query.k,
      cursor: query.cursor,
      filter: {
        document: query.report === undefined ? undefined : documents.resolve(query.report),
        sectionPrefix: query.section,
        pageFrom: query.pageFrom,
        pageTo: query.pageTo,
        kinds: listOf(query.kind),
      },
    });
    response.json(page satisfies z.input<typeof searchPageSchema>);
  });

  router.post("/api/chat", async (request, response) => {
    const body = validate(chatRequestSchema, request.body ?? undefined);
    const document =
      body.report === undefined ? undefined : searchOf(options.getIndex()).documents.resolve(body.report);
    const chat = options.getChatService(document);
    if (options.logQuestions)
      options.logger.debug({ question: body.messages[body.messages.length - 1].content }, "question");
    const abort = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) abort.abort();
    });
    if (!wantsEventStream(request.headers.accept, body.stream)) {
      response.json(await chat.answer({ messages: body.messages, k: body.k, signal: abort.signal }));
      return;
    }
    const stream = new EventStream(response);
    try {
      const result = await chat.answer(
        { messages: body.messages, k: body.k, signal: abort.signal },
        {
          citations: (citations) => stream.send("citations", { citations }),
          delta: (text) => stream.send("delta", { text }),
          restart: (notice) => stream.send("restart", { notice }),
        },
      );
      stream.send("done", result);
    } catch (error) {
      if (!abort.signal.aborted) {
        options.logger.error({ err: error }, "streamed answer failed");
        stream.send("error", { error: { code: "internal_error", message: "the answer could not be completed" } });
      }
    } finally {
      stream.end();
    }
  });

  return router;
}
