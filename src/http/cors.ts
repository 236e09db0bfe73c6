/** Cross-origin access for browsers: only the origins in `ALLOWED_ORIGINS` may call the API. */
import type { Request, RequestHandler, Response } from "express";
import { UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { loggableValue } from "./log-values.js";
import { sendUserError } from "./send-user-error.js";

export interface CorsOptions {
  /** Origins (`scheme://host[:port]`) allowed to call the API from a browser; the server's own origin always is. */
  allowedOrigins: string[];
  /** Refused requests are logged at warn level with their origin. */
  logger: Logger;
}

const allowedMethods = "GET, POST, OPTIONS";
const allowedHeaders = "Content-Type, Authorization, Accept";
/** Response headers the widget reads across origins (the wait before retrying after a 429). */
const exposedHeaders = "Retry-After, RateLimit, RateLimit-Policy";
const preflightMaxAgeSeconds = "600";

/**
 * Answers preflights and adds CORS headers for allowed origins.
 * A disallowed origin gets no CORS headers; its preflights and its API calls are refused with 403,
 * while plain GETs of public files (the page, `widget.js`) go on without CORS headers.
 */
export function createCorsMiddleware(options: CorsOptions): RequestHandler {
  const allowedOrigins = new Set(options.allowedOrigins.map(normalizeOrigin));
  return (request, response, next) => {
    const origin = request.get("origin");
    if (origin === undefined || isSameOrigin(request, origin)) {
      next();
      return;
    }
    const preflight = isPreflight(request);
    if (allowedOrigins.has(normalizeOrigin(origin))) {
      response.setHeader("Access-Control-Allow-Origin", origin);
      response.append("Vary", "Origin");
      if (!preflight) {
        response.setHeader("Access-Control-Expose-Headers", exposedHeaders);
        next();
        return;
      }
      answerPreflight(response);
      return;
    }
    response.append("Vary", "Origin");
    const refused = preflight || !isHarmlessRead(request);
    const loggedOrigin = loggableValue(origin);
    options.logger.warn(
      { origin: loggedOrigin, method: request.method, path: loggableValue(request.path), refused },
      `Cross-origin request from ${loggedOrigin} without CORS headers: the origin is not in ALLOWED_ORIGINS`,
    );
    if (!refused) {
      next();
      return;
    }
    sendUserError(
      request,
      response,
      new UserError(403, "origin_not_allowed", `Origin ${loggedOrigin} is not allowed to call this API.`),
    );
  };
}

function answerPreflight(response: Response): void {
  response.setHeader("Access-Control-Allow-Methods", allowedMethods);
  response.setHeader("Access-Control-Allow-Headers", allowedHeaders);
  response.setHeader("Access-Control-Max-Age", preflightMaxAgeSeconds);
  response.status(204).end();
}

function isPreflight(request: Request): boolean {
  return request.method === "OPTIONS" && request.get("access-control-request-method") !== undefined;
}

/** GET and HEAD of anything outside the API only read public files. */
function isHarmlessRead(request: Request): boolean {
  const reading = request.method === "GET" || request.method === "HEAD";
  return reading && !request.path.startsWith("/api/") && !request.path.startsWith("/v1/");
}

/**
 * Same origin when the Origin's host is the Host the request was sent to. The scheme is not compared:
 * behind a TLS-terminating proxy without `trust proxy` the server would see `http` for its own `https` page.
 */
function isSameOrigin(request: Request, origin: string): boolean {
  const host = request.get("host");
  if (!host) return false;
  try {
    return new URL(origin).host === host.toLowerCase();
  } catch {
    return false;
  }
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/, "").toLowerCase();
}
