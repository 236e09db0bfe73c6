/** Answers a refused request in the error shape of the API it was sent to. */
import type { Request, Response } from "express";
import type { UserError } from "../errors.js";
import type { ErrorBody } from "./error-handler.js";
import { openAIErrorOf } from "./openai-errors.js";

const openAIPath = /^\/v1(?:\/|$)/iu;

/** True for requests to the OpenAI-compatible API, whose clients read OpenAI's error shape. */
export function isOpenAIRequest(request: Request): boolean {
  // Under a mounted middleware `path` is relative to the mount point; together they are the whole path.
  return openAIPath.test(`${request.baseUrl}${request.path}`);
}

/**
 * Sends `error` as `{"error":{"code","message"}}`, or in OpenAI's shape
 * (`{"error":{"message","type","param","code"}}`) under `/v1`. Headers set before, such as
 * `Retry-After` or `WWW-Authenticate`, are kept.
 */
export function sendUserError(request: Request, response: Response, error: UserError): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  if (isOpenAIRequest(request)) {
    const openAIError = openAIErrorOf(error);
    if (openAIError) {
      response.status(openAIError.status).json(openAIError.body);
      return;
    }
  }
  response.status(error.status).json({ error: { code: error.code, message: error.message } } satisfies ErrorBody);
}
