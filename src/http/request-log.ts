/** One log line per request: what was asked for and how it was answered, never its content. */
import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";
import { clientAddressOf } from "./client-address.js";
import { loggableValue } from "./log-values.js";

/**
 * Logs method, path (without the query string, which can hold a question), status, duration and
 * client address (see `clientAddressOf`) at info level; a long path is cut (see `loggableValue`)
 * and logged when the response is finished, or that the client left before.
 * Headers are not logged, so neither are API keys.
 */
export function createRequestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    const started = process.hrtime.bigint();
    const path = loggableValue(request.path);
    response.once("close", () => {
      const durationMs = Number((process.hrtime.bigint() - started) / 1000n) / 1000;
      const entry = {
        method: request.method,
        path,
        status: response.statusCode,
        durationMs,
        ip: clientAddressOf(request),
      };
      if (response.writableFinished) logger.info(entry, "request");
      else logger.info({ ...entry, abandoned: true }, "request abandoned by the client");
    });
    next();
  };
}
