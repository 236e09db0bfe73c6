/** The OpenAI chat protocol, so that chat clients and SDKs can use report-chat as a model. */
import { randomUUID } from "node:crypto";
import { type Response, Router } from "express";
import type { ChatService } from "../answer/chat-service.js";
import type { Logger } from "../logger.js";
import type { ChatMessage, ChatResponse } from "../types.js";
import { CompletionStream } from "./openai-completion-stream.js";
import {
  createOpenAICompatibleErrorHandler,
  internalErrorBody,
  OpenAIRequestError,
  openAIErrorOf,
  openAINotFoundHandler,
} from "./openai-errors.js";
import { type CompletionIdentity, completionOf, conversationOf } from "./openai-format.js";
import { type ChatCompletionRequest, parseChatCompletionRequest } from "./openai-request-schema.js";

export interface OpenAICompatibleRouterOptions {
  /** The chat service; throws a 503 `not_ready` while the index loads. */
  getChatService: () => ChatService;
  /** The one model id served, e.g. `report-chat` (`MODEL_NAME`). */
  modelName: string;
  logger: Logger;
}

/** A model in `GET /v1/models`. */
export interface OpenAIModel {
  id: string;
  object: "model";
  /** Unix time in seconds. */
  created: number;
  owned_by: string;
}

/**
 * `GET /v1/models`, `GET /v1/models/:id` and `POST /v1/chat/completions` (JSON or streamed chunks).
 * Answers every `/v1` request that reaches it, unknown routes and errors included, in the OpenAI
 * error shape. API keys are checked before it, by the app (`requireApiKey`).
 */
export function createOpenAICompatibleRouter(options: OpenAICompatibleRouterOptions): Router {
  const router = Router();
  const model: OpenAIModel = {
    id: options.modelName,
    object: "model",
    created: Math.floor(Date.now() / 1000),
    owned_by: "report-chat",
  };

  router.get("/v1/models", (_request, response) => {
    response.json({ object: "list", data: [model] });
  });

  router.get("/v1/models/:model", (request, response) => {
    requireServedModel(request.params.model, options.modelName, null);
    response.json(model);
  });

  router.post("/v1/chat/completions", async (request, response) => {
    const body = parseChatCompletionRequest(request.body);
    requireServedModel(body.model, options.modelName, "model");
    const messages = conversationOf(body.messages);
    const chat = options.getChatService();
    const abort = abortOnClose(response);
    const identity: CompletionIdentity = {
      id: `chatcmpl-${randomUUID().replaceAll("-", "")}`,
      created: Math.floor(Date.now() / 1000),
      model: options.modelName,
    };
    const turn: CompletionTurn = { chat, body, messages, identity, abort, response, logger: options.logger };
    await (body.stream === true ? streamCompletion(turn) : sendCompletion(turn));
  });

  router.use("/v1", openAINotFoundHandler);
  router.use("/v1", createOpenAICompatibleErrorHandler(options.logger));
  return router;
}

function requireServedModel(requested: string, served: string, param: string | null): void {
  if (requested === served) return;
  throw new OpenAIRequestError(
    404,
    "model_not_found",
    `The model \`${requested}\` does not exist; this server serves \`${served}\`.`,
    param,
  );
}

/** Stops answering when the client goes away before the response is complete. */
function abortOnClose(response: Response): AbortController {
  const abort = new AbortController();
  response.on("close", () => {
    if (!response.writableFinished) abort.abort();
  });
  return abort;
}

/** One request for a completion, parsed and ready to answer. */
interface CompletionTurn {
  chat: ChatService;
  body: ChatCompletionRequest;
  messages: ChatMessage[];
  identity: CompletionIdentity;
  abort: AbortController;
  response: Response;
  logger: Logger;
}

async function sendCompletion(turn: CompletionTurn): Promise<void> {
  const { chat, body, messages, identity, abort, response } = turn;
  let result: ChatResponse;
  try {
    result = await chat.answer({ messages, signal: abort.signal });
  } catch (error) {
    if (abort.signal.aborted) return;
    throw error;
  }
  response.json(completionOf(identity, result, body.messages));
}

async function streamCompletion(turn: CompletionTurn): Promise<void> {
  const { chat, body, messages, identity, abort, response, logger } = turn;
  const stream = new CompletionStream(response, {
    identity,
    includeUsage: body.stream_options?.include_usage === true,
  });
  let result: ChatResponse;
  try {
    result = await chat.answer({ messages, signal: abort.signal }, stream);
  } catch (error) {
    if (abort.signal.aborted) return;
    // Before the first chunk the error handler can still answer with a status code.
    if (!stream.isOpen) throw error;
    const known = openAIErrorOf(error);
    if (!known) logger.error({ err: error }, "streamed completion failed");
    stream.fail(known?.body ?? internalErrorBody);
    return;
  }
  stream.finish(result, body.messages);
}
