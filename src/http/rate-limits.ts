/** Per-client request budgets with `express-rate-limit`: one for answers, one for lookups. */
import type { Express, Request, RequestHandler } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { isOpenAIRequest, sendUserError } from "./send-user-error.js";

export interface RateLimitOptions {
  /** Length of a budget's window in milliseconds (`RATE_LIMIT_WINDOW_MS`). */
  windowMs: number;
  /** Answers per window per client address (`RATE_LIMIT_CHAT`). */
  chat: number;
  /** Searches, table and figure lookups per window per client address (`RATE_LIMIT_SEARCH`). */
  search: number;
  logger: Logger;
}

/** Routes that write an answer, sharing the `chat` budget. */
export const CHAT_ROUTES = ["/api/chat", "/v1/chat/completions"];
/** Routes that look something up, sharing the `search` budget. */
export const SEARCH_ROUTES = ["/api/search", "/api/passages/:id", "/api/tables", "/api/tables/:id", "/api/figures"];

/**
 * The client's address as Express sees it: the socket's peer, or with `trust proxy` the address the
 * trusted proxies forwarded. IPv6 clients are grouped by /56, the block one customer usually holds.
 */
function clientKeyOf(request: Request): string {
  return ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? "unknown", 56);
}

/**
 * Logs once when a request carries `X-Forwarded-For` that Express ignored because its sender is not a
 * trusted proxy: behind a proxy without `TRUST_PROXY`, every client shares the proxy's budget.
 */
function warnOnceAboutUntrustedProxy(logger: Logger): (request: Request) => void {
  let warned = false;
  return (request) => {
    if (warned || request.get("x-forwarded-for") === undefined) return;
    if (request.ip !== request.socket.remoteAddress) return;
    warned = true;
    logger.warn(
      { remoteAddress: request.socket.remoteAddress },
      "requests carry X-Forwarded-For from an untrusted address: rate limits count that address, not its clients (see TRUST_PROXY)",
    );
  };
}

function createLimiter(name: "chat" | "search", limit: number, options: RateLimitOptions): RequestHandler {
  const noticeProxy = warnOnceAboutUntrustedProxy(options.logger);
  return rateLimit({
    windowMs: options.windowMs,
    limit,
    identifier: name,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (request) => {
      noticeProxy(request);
      return clientKeyOf(request);
    },
    logger: options.logger,
    // The checks below are done by `clientKeyOf` and the proxy notice, and logged with the app's logger.
    validate: { trustProxy: false, xForwardedForHeader: false, forwardedHeader: false, ip: false },
    handler: (request, response) => {
      const retryAfter = response.getHeader("Retry-After");
      const openAI = isOpenAIRequest(request);
      options.logger.info({ budget: name, path: request.path, ip: request.ip }, "rate limited");
      const message = `Too many ${name === "chat" ? "questions" : "lookups"} from this address; try again in ${retryAfter ?? "a few"} seconds.`;
      sendUserError(request, response, new UserError(429, openAI ? "rate_limit_exceeded" : "rate_limited", message));
    },
  });
}

/**
 * Mounts the budgets on the routes they cover, by method and path as the routers match them:
 * `POST /api/chat` and `POST /v1/chat/completions` share the chat budget; `GET /api/search`,
 * `/api/passages/:id`, `/api/tables`, `/api/tables/:id` and `/api/figures` share the search budget. A client over its
 * budget gets `429` with `Retry-After` (seconds), in the error shape of the API it called.
 */
export function mountRateLimits(app: Express, options: RateLimitOptions): void {
  app.post(CHAT_ROUTES, createLimiter("chat", options.chat, options));
  app.get(SEARCH_ROUTES, createLimiter("search", options.search, options));
}
