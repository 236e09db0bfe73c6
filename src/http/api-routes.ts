import { Router } from "express";
import type { ChatService } from "../answer/chat-service.js";
import type { Logger } from "../logger.js";
import { chatRequestSchema, searchQuerySchema } from "./request-schemas.js";
import { EventStream, wantsEventStream } from "./sse.js";
import { validate } from "./validate.js";

export interface ApiRouterOptions {
  getChatService: () => ChatService;
  logger: Logger;
  /** Log question text (at debug level). */
  logQuestions: boolean;
}

/** `GET /api/search` and `POST /api/chat` (JSON or Server-Sent Events). */
export function createApiRouter(options: ApiRouterOptions): Router {
  const router = Router();

  router.get("/api/search", async (request, response) => {
    const query = validate(searchQuerySchema, request.query);
    const results = await options.getChatService().search(query.q, query.k);
    response.json({ results });
  });

  router.post("/api/chat", async (request, response) => {
    const body = validate(chatRequestSchema, request.body ?? undefined);
    if (options.logQuestions)
      options.logger.debug({ question: body.messages[body.messages.length - 1].content }, "question");
    const abort = new AbortController();
    response.on("close", () => {
      if (!response.writableFinished) abort.abort();
    });
    const chat = options.getChatService();
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
