/**
 * Errors of the OpenAI-compatible API, in the shape OpenAI clients read:
 * `{"error":{"message","type","param","code"}}`.
 */
import type { ErrorRequestHandler, RequestHandler } from "express";
import { isUserError, UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { readableClientError } from "./error-handler.js";
import { loggableValue } from "./log-values.js";

/** The body of every error answered under `/v1`. */
export interface OpenAIErrorBody {
  error: {
    message: string;
    /**
     * `invalid_request_error`, `authentication_error`, `permission_error`, `not_found_error`, `rate_limit_error` or
     * `server_error`.
     */
    type: string;
    /** The request field at fault, e.g. `messages.1.content`, or null. */
    param: string | null;
    code: string | null;
  };
}

/** A request the OpenAI-compatible API refuses; `param` names the field at fault when there is one. */
export class OpenAIRequestError extends UserError {
  readonly param: string | null;

  constructor(status: number, code: string, message: string, param: string | null = null) {
    super(status, code, message);
    this.param = param;
  }
}

function errorTypeOf(status: number): string {
  if (status === 401) return "authentication_error";
  if (status === 403) return "permission_error";
  if (status === 404) return "not_found_error";
  if (status === 429) return "rate_limit_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

/** Errors of Express's own body parser, which runs before any `/v1` route. */
function fromBodyParser(error: unknown): OpenAIRequestError | undefined {
  const { type, limit } = (error ?? {}) as { type?: unknown; limit?: unknown };
  if (type === "entity.too.large") {
    const size = typeof limit === "number" ? `larger than ${Math.round(limit / 1024)} KB` : "too large";
    return new OpenAIRequestError(413, "request_too_large", `The request body is ${size}.`);
  }
  if (type === "entity.parse.failed")
    return new OpenAIRequestError(400, "invalid_json", "The request body is not valid JSON.");
  if (type === "encoding.unsupported" || type === "charset.unsupported") {
    return new OpenAIRequestError(415, "unsupported_encoding", "The request body must be UTF-8 JSON.");
  }
  if (type === "request.aborted") return new OpenAIRequestError(400, "request_aborted", "The request was aborted.");
  return readableClientError(error)
    ? new OpenAIRequestError((error as { status: number }).status, "bad_request", "The request could not be read.")
    : undefined;
}

/** The status and body to answer `error` with, or undefined for an unexpected error (a 500). */
export function openAIErrorOf(error: unknown): { status: number; body: OpenAIErrorBody } | undefined {
  const userError = isUserError(error) ? error : fromBodyParser(error);
  if (!userError) return undefined;
  const param = userError instanceof OpenAIRequestError ? userError.param : null;
  return {
    status: userError.status,
    body: { error: { message: userError.message, type: errorTypeOf(userError.status), param, code: userError.code } },
  };
}

/** The body of an unexpected failure; its details stay in the log. */
export const internalErrorBody: OpenAIErrorBody = {
  error: { message: "Something went wrong on our side.", type: "server_error", param: null, code: "internal_error" },
};

/** Every `/v1` route not served answers 404 in the OpenAI shape. */
export const openAINotFoundHandler: RequestHandler = (request, _response, next) => {
  next(
    new OpenAIRequestError(
      404,
      "unknown_url",
      `Unknown request URL: ${request.method} ${loggableValue(request.originalUrl.split("?")[0])}.`,
    ),
  );
};

/**
 * Answers errors in the OpenAI shape: user errors (including the body parser's) with their 4xx or
 * 503, anything else logged with its context and answered with a generic 500. The router uses it for
 * its own errors; the app mounts it for `/v1` right after the router too, because the body parser
 * runs before the router, and its errors (malformed JSON, a body too large) skip every router.
 *
 * @example
 * app.use(createOpenAICompatibleRouter({ getChatService, modelName, logger }));
 * app.use("/v1", createOpenAICompatibleErrorHandler(logger));
 */
export function createOpenAICompatibleErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const known = openAIErrorOf(error);
    if (response.headersSent) {
      if (!known) logger.error({ err: error, path: request.originalUrl }, "error after the response started");
      response.end();
      return;
    }
    if (known) {
      // A client that sees 503 retries; tell it when.
      if (known.status === 503) response.setHeader("Retry-After", "5");
      response.status(known.status).json(known.body);
      return;
    }
    logger.error({ err: error, method: request.method, path: request.originalUrl }, "request failed");
    response.status(500).json(internalErrorBody);
  };
}
