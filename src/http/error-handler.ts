import type { ErrorRequestHandler, RequestHandler } from "express";
import { isUserError, UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { loggableValue } from "./log-values.js";

export interface ErrorBody {
  error: { code: string; message: string };
}

/** An error a library marked as the client's fault (`expose` with a 4xx status). */
export function readableClientError(error: unknown): boolean {
  const { expose, status } = (error ?? {}) as { expose?: unknown; status?: unknown };
  return expose === true && typeof status === "number" && status >= 400 && status < 500;
}

/** Errors raised by Express's own body parser, turned into user errors. */
function fromBodyParser(error: unknown): UserError | undefined {
  const type = (error as { type?: string }).type;
  if (type === "entity.too.large")
    return new UserError(413, "payload_too_large", "the request body is larger than 64 KB");
  if (type === "entity.parse.failed") return new UserError(400, "malformed_json", "the request body is not valid JSON");
  if (type === "encoding.unsupported" || type === "charset.unsupported")
    return new UserError(415, "unsupported_encoding", "the request body must be UTF-8 JSON");
  if (type === "request.aborted") return new UserError(400, "request_aborted", "the request was aborted");
  return readableClientError(error)
    ? new UserError((error as { status: number }).status, "bad_request", "the request could not be read")
    : undefined;
}

/** Unknown routes answer 404 in the API's error shape. */
export const notFoundHandler: RequestHandler = (request, _response, next) => {
  next(new UserError(404, "not_found", `no route for ${request.method} ${loggableValue(request.path)}`));
};

/** User errors become their 4xx; anything else is logged with its context and becomes a generic 500. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const userError = isUserError(error) ? error : fromBodyParser(error);
    if (response.headersSent) {
      if (!userError)
        logger.error({ err: error, path: loggableValue(request.path) }, "error after the response started");
      response.end();
      return;
    }
    if (userError) {
      response
        .status(userError.status)
        .json({ error: { code: userError.code, message: userError.message } } satisfies ErrorBody);
      return;
    }
    logger.error({ err: error, method: request.method, path: loggableValue(request.path) }, "request failed");
    response
      .status(500)
      .json({ error: { code: "internal_error", message: "something went wrong on our side" } } satisfies ErrorBody);
  };
}
