/**
 * Short-lived signed tokens that let the chat page served by this server call its own API when
 * `API_KEYS` closes it. A token is `pt1.<expiry in seconds>.<HMAC-SHA256 of the expiry>`: it names
 * no one, opens only the reader's routes under `/api` (not `/api/insights`, not `/v1`), only from
 * the page's own origin, and only until it expires. The page gets a fresh one from `GET /page-token`.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { Router } from "express";
import { PAGE_TOKEN_ROUTE } from "./rate-limits.js";

export interface PageTokenOptions {
  /** Signing secret; random per process when not given (tokens then die with the process). */
  secret?: string;
  /** @default 15 minutes */
  lifetimeMs?: number;
  /** @default Date.now */
  now?: () => number;
}

export interface IssuedPageToken {
  token: string;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

const DEFAULT_LIFETIME_MS = 15 * 60_000;
const tokenPattern = /^pt1\.(\d{1,12})\.([A-Za-z0-9_-]{43})$/u;

/** Issues and checks page tokens. */
export class PageTokens {
  private readonly secret: Buffer;
  private readonly lifetimeMs: number;
  private readonly now: () => number;

  constructor(options: PageTokenOptions = {}) {
    this.secret = options.secret ? createHash("sha256").update(options.secret).digest() : randomBytes(32);
    this.lifetimeMs = options.lifetimeMs ?? DEFAULT_LIFETIME_MS;
    this.now = options.now ?? Date.now;
  }

  issue(): IssuedPageToken {
    const expirySeconds = Math.floor((this.now() + this.lifetimeMs) / 1000);
    return { token: `pt1.${expirySeconds}.${this.sign(String(expirySeconds))}`, expiresAt: expirySeconds * 1000 };
  }

  /** True for a token this issuer signed that has not expired. */
  verify(token: string): boolean {
    const match = tokenPattern.exec(token);
    if (!match) return false;
    const expected = Buffer.from(this.sign(match[1]));
    const given = Buffer.from(match[2]);
    if (!timingSafeEqual(expected, given)) return false;
    return Number(match[1]) * 1000 > this.now();
  }

  private sign(payload: string): string {
    return createHmac("sha256", this.secret).update(`page-token:${payload}`).digest("base64url");
  }
}

function bearerOf(request: Request): string | undefined {
  return /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(request.get("authorization") ?? "")?.[1];
}

/**
 * The browser says the request comes from a page of this very origin (or it is not a browser at all).
 * `Sec-Fetch-Site` is the browser's own word and survives proxies that rewrite `Host`; without it
 * (older browsers) `Origin` must name this host.
 */
function fromOwnOrigin(request: Request): boolean {
  const site = request.get("sec-fetch-site");
  if (site !== undefined) return site === "same-origin";
  const origin = request.get("origin");
  if (origin === undefined) return true;
  try {
    return new URL(origin).host.toLowerCase() === (request.get("host") ?? "").toLowerCase();
  } catch {
    return false;
  }
}

/** Reader routes a page token opens: `/api/*` but the site owner's insights. */
function openedByPageToken(request: Request): boolean {
  const fullPath = `${request.baseUrl}${request.path}`;
  return /^\/api\//u.test(fullPath) && !/^\/api\/insights(?:\/|$)/u.test(fullPath);
}

/**
 * Lets requests with a valid page token through to reader routes; every other request goes to
 * `requireKey`, the API key check.
 */
export function acceptPageTokens(tokens: PageTokens, requireKey: RequestHandler): RequestHandler {
  return (request, response, next) => {
    const bearer = bearerOf(request);
    if (bearer?.startsWith("pt1.") && openedByPageToken(request) && fromOwnOrigin(request) && tokens.verify(bearer)) {
      next();
      return;
    }
    requireKey(request, response, next);
  };
}

/**
 * `GET /page-token`: a fresh token for the page, to its own origin only. Its per-client budget is
 * mounted with the others (`mountRateLimits`).
 */
export function createPageTokenRouter(tokens: PageTokens): Router {
  const router = Router();
  router.get(PAGE_TOKEN_ROUTE, (request, response) => {
    response.setHeader("Cache-Control", "no-store");
    if (!fromOwnOrigin(request)) {
      response.status(403).json({ error: { code: "forbidden", message: "page tokens are for this site's own page" } });
      return;
    }
    response.json(tokens.issue());
  });
  return router;
}

/** True when `request` carries one of the private keys (or when no keys are configured). */
export function createPrivateKeyCheck(apiKeys: readonly string[]): (request: Request) => boolean {
  const digests = apiKeys.map((key) => createHash("sha256").update(key, "utf8").digest());
  return (request) => {
    if (digests.length === 0) return true;
    const bearer = bearerOf(request);
    if (bearer === undefined) return false;
    const presented = createHash("sha256").update(bearer, "utf8").digest();
    let matched = false;
    for (const digest of digests) matched = timingSafeEqual(digest, presented) || matched;
    return matched;
  };
}
