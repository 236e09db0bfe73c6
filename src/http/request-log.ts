/** One log line per request: what was asked for and how it was answered, never its content. */
import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";
import { clientAddressOf } from "./client-address.js";
import { loggableValue } from "./log-values.js";

/**
 * Logs method, path (without the query string, which can hold a question), status, duration and
 * client address (see `clientAddressOf`) at info level when the response is finished, or that the
 * client left before; a long path is cut (see `loggableValue`). Requests refused by a rate limit
 * (429) are logged at debug level only: a flood adds no info lines, and the limiter itself logs
 * each client once per window. Headers are not logged, so neither are API keys. At a level above info
 * (`LOG_LEVEL=warn`) requests cost the log nothing.
 */
export function createRequestLog(logger: Logger): RequestHandler {
  return (request, response, next) => {
    // Below info level no line is written: the request is not timed or watched at all.
    if (!logger.isLevelEnabled("info")) {
      next();
      return;
    }
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
      if (response.statusCode === 429) logger.debug(entry, "request refused by a rate limit");
      else if (response.writableFinished) logger.info(entry, "request");
      else logger.info({ ...entry, abandoned: true }, "request abandoned by the client");
    });
    next();
  };
}
