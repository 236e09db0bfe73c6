/** The JSON body parser, with every failure to read a body answered as the client's error. */
import express, { type RequestHandler } from "express";
import { UserError } from "../errors.js";

/** Failures the error handlers already name (body too large, malformed JSON, unsupported charset …). */
const namedFailures = new Set([
  "entity.too.large",
  "entity.parse.failed",
  "encoding.unsupported",
  "charset.unsupported",
  "request.aborted",
]);

function clientStatusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === "number" && status >= 400 && status < 500 ? status : undefined;
}

/**
 * `express.json` for `application/json` and `application/*+json` bodies up to `limit`. Failures the
 * error handlers know pass on as they are; any other client-caused failure, such as a body whose
 * `Content-Encoding: gzip` is not gzip, becomes a `400 unreadable_body` instead of a 500.
 */
export function parseJsonBodies(limit: string): RequestHandler {
  const parse = express.json({ limit, type: ["application/json", "application/*+json"] });
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error === undefined || error === null) {
        next();
        return;
      }
      const type = (error as { type?: unknown }).type;
      const status = clientStatusOf(error);
      if ((typeof type === "string" && namedFailures.has(type)) || status === undefined) {
        next(error);
        return;
      }
      next(
        new UserError(
          status,
          "unreadable_body",
          "The request body could not be read; check its Content-Encoding and Content-Length.",
        ),
      );
    });
  };
}
