/**
 * Per-client request budgets with `express-rate-limit`: one for answers, one for lookups, one for
 * page tokens, and one for every other request (unknown routes, `/v1/models`, preflights, the page),
 * each in a store of bounded size and keyed on the validated client address.
 */
import type { Express, Request, RequestHandler } from "express";
import { rateLimit } from "express-rate-limit";
import { UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { BoundedRateLimitStore } from "./bounded-rate-limit-store.js";
import { budgetKeyOf, clientAddressOf } from "./client-address.js";
import { HEALTH_PROBE_PATHS } from "./health-routes.js";
import { isOpenAIRequest, sendUserError } from "./send-user-error.js";

export interface RateLimitOptions {
  /** Length of a budget's window in milliseconds (`RATE_LIMIT_WINDOW_MS`). */
  windowMs: number;
  /** Answers per window per client address (`RATE_LIMIT_CHAT`). */
  chat: number;
  /** Searches, table and figure lookups per window per client address (`RATE_LIMIT_SEARCH`). */
  search: number;
  /**
   * Page tokens (`GET /page-token`) per window per client address. A page renews its token at most once per
   * question it sends, so the default is the `chat` budget. @default chat
   */
  pageToken?: number;
  /** Every other request per window per client address, probes excepted (`RATE_LIMIT_OTHER`). @default 600 */
  other?: number;
  /** Clients each budget counts at once (`RATE_LIMIT_MAX_CLIENTS`). @default 10000 */
  maxClients?: number;
  logger: Logger;
}

type BudgetName = "chat" | "search" | "pageToken" | "other";

/** Routes that write an answer, sharing the `chat` budget. */
export const CHAT_ROUTES = ["/api/chat", "/v1/chat/completions"];
/** Routes that look something up, sharing the `search` budget. */
export const SEARCH_ROUTES = ["/api/search", "/api/passages/:id", "/api/tables", "/api/tables/:id", "/api/figures"];
/** The route the chat page renews its page token from, with a budget of its own. */
export const PAGE_TOKEN_ROUTE = "/page-token";

const DEFAULT_OTHER_LIMIT = 600;
const DEFAULT_MAX_CLIENTS = 10_000;
/** `SEARCH_ROUTES` as patterns of paths, a `:name` standing for one path segment, as the routers match them. */
const SEARCH_PATHS = SEARCH_ROUTES.map((route) => new RegExp(`^${route.replace(/:[^/]+/gu, "[^/]+")}/?$`, "u"));
const CHAT_PATHS = new Set(CHAT_ROUTES);

/** True when the chat or the search budget counts the request, so the `other` budget leaves it alone. */
function countedElsewhere(request: Request): boolean {
  if (request.method === "POST") return CHAT_PATHS.has(request.path);
  if (request.method === "GET" || request.method === "HEAD")
    return request.path === PAGE_TOKEN_ROUTE || SEARCH_PATHS.some((pattern) => pattern.test(request.path));
  return false;
}

/**
 * Logs once when a request carries `X-Forwarded-For` that Express ignored because its sender is not a
 * trusted proxy: behind a proxy without `TRUST_PROXY`, every client shares the proxy's budget.
 */
function warnOnceAboutUntrustedProxy(logger: Logger): (request: Request) => void {
  let warned = false;
  return (request) => {
    if (warned || request.get("x-forwarded-for") === undefined) return;
    if (request.ips.length > 0) return;
    warned = true;
    logger.warn(
      { remoteAddress: request.socket.remoteAddress },
      "requests carry X-Forwarded-For from an untrusted address: rate limits count that address, not its " +
        "clients (see TRUST_PROXY)",
    );
  };
}

function refusalMessageOf(name: BudgetName, retryAfter: unknown): string {
  const what = { chat: "questions", search: "lookups", pageToken: "page tokens", other: "requests" }[name];
  return `Too many ${what} from this address; try again in ${retryAfter ?? "a few"} seconds.`;
}

/** True on the request that takes a client over its limit, the first of its window to be refused. */
function firstRefusal(request: Request, limit: number): boolean {
  const info = (request as Request & { rateLimit?: { used?: number } }).rateLimit;
  return info?.used === limit + 1;
}

function createLimiter(
  name: BudgetName,
  limit: number,
  options: RateLimitOptions,
  skip?: (request: Request) => boolean,
): RequestHandler {
  const noticeProxy = warnOnceAboutUntrustedProxy(options.logger);
  return rateLimit({
    windowMs: options.windowMs,
    limit,
    identifier: name,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    store: new BoundedRateLimitStore({ maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS }),
    keyGenerator: (request) => {
      noticeProxy(request);
      return budgetKeyOf(request);
    },
    skip,
    // The checks below are done by `clientAddressOf` and the proxy notice, and logged with the app's logger.
    validate: { trustProxy: false, xForwardedForHeader: false, forwardedHeader: false, ip: false },
    handler: (request, response) => {
      // Logged once per client and window, when it first goes over: a flood adds no log lines.
      if (firstRefusal(request, limit))
        options.logger.info({ budget: name, ip: clientAddressOf(request) }, "rate limited");
      const retryAfter = response.getHeader("Retry-After");
      const code = isOpenAIRequest(request) ? "rate_limit_exceeded" : "rate_limited";
      sendUserError(request, response, new UserError(429, code, refusalMessageOf(name, retryAfter)));
    },
  });
}

/**
 * The budget for every request that neither the chat nor the search budget counts, health probes
 * excepted: unknown routes (404s), `/v1/models`, preflights, the page and its files. Mounted before
 * the origin check, so that a flood of refused requests is refused here before it is logged.
 */
export function createOtherRequestsLimit(options: RateLimitOptions): RequestHandler {
  return createLimiter(
    "other",
    options.other ?? DEFAULT_OTHER_LIMIT,
    options,
    (request) => HEALTH_PROBE_PATHS.includes(request.path) || countedElsewhere(request),
  );
}

/**
 * Mounts the budgets on the routes they cover, by method and path as the routers match them:
 * `POST /api/chat` and `POST /v1/chat/completions` share the chat budget; `GET /api/search`,
 * `/api/passages/:id`, `/api/tables`, `/api/tables/:id` and `/api/figures` share the search budget;
 * `GET /page-token` has its own, so that tokens cannot be minted without bound.
 * A client over its budget gets `429` with `Retry-After` (seconds), in the error shape of the API
 * it called.
 */
export function mountRateLimits(app: Express, options: RateLimitOptions): void {
  app.post(CHAT_ROUTES, createLimiter("chat", options.chat, options));
  app.get(SEARCH_ROUTES, createLimiter("search", options.search, options));
  app.get(PAGE_TOKEN_ROUTE, createLimiter("pageToken", options.pageToken ?? options.chat, options));
}
