/**
 * API keys for `/api/*` and `/v1/*`: `Authorization: Bearer <key>`, one mechanism for both APIs.
 * Private keys (`API_KEYS`) work from anywhere; public keys (`PUBLIC_API_KEYS`), which a web page
 * must ship to browsers, only from the origins in `ALLOWED_ORIGINS`.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { Request, RequestHandler } from "express";
import { UserError } from "../errors.js";
import type { Logger } from "../logger.js";
import { clientAddressOf } from "./client-address.js";
import { loggableValue } from "./log-values.js";
import { sendUserError } from "./send-user-error.js";

export interface ApiKeyAuthOptions {
  /** Keys accepted from any client. None means the APIs are open to everyone. */
  apiKeys: readonly string[];
  /** Keys accepted only when the request's `Origin` is in `allowedOrigins`; they need `apiKeys` to be set. */
  publicApiKeys: readonly string[];
  /** Origins (`scheme://host[:port]`) allowed to use a public key. */
  allowedOrigins: readonly string[];
  /** Refusals are logged at info level, without the key. */
  logger: Logger;
}

/** What the check made of a request's key. */
export type ApiKeyVerdict = "accepted" | "missing" | "invalid" | "public_key_wrong_origin";

/** Answer of a refused request: a 401 whose message says what to change. */
const refusals: Record<Exclude<ApiKeyVerdict, "accepted">, string> = {
  missing: "No API key was provided; send it as `Authorization: Bearer <key>`.",
  invalid: "The API key is not valid.",
  public_key_wrong_origin: "This public API key is accepted only from the web pages it was issued for.",
};

interface KeyDigest {
  digest: Buffer;
  isPublic: boolean;
}

function digestOf(key: string): Buffer {
  return createHash("sha256").update(key, "utf8").digest();
}

/** The key of an `Authorization: Bearer <key>` header, or undefined. */
function bearerKeyOf(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/iu.exec(header ?? "");
  return match?.[1];
}

function normalizeOrigin(origin: string): string {
  return origin.trim().replace(/\/+$/u, "").toLowerCase();
}

/**
 * The key check alone. Keys are compared as SHA-256 digests (equal lengths) with `timingSafeEqual`,
 * against every key each time, so the time taken reveals neither a key nor which one matched.
 */
function createApiKeyCheck(options: Omit<ApiKeyAuthOptions, "logger">): (request: Request) => ApiKeyVerdict {
  const digests: KeyDigest[] = [
    ...options.apiKeys.map((key) => ({ digest: digestOf(key), isPublic: false })),
    ...options.publicApiKeys.map((key) => ({ digest: digestOf(key), isPublic: true })),
  ];
  const allowedOrigins = new Set(options.allowedOrigins.map(normalizeOrigin));
  return (request) => {
    if (options.apiKeys.length === 0) return "accepted";
    const key = bearerKeyOf(request.get("authorization"));
    if (key === undefined) return "missing";
    const presented = digestOf(key);
    let match: KeyDigest | undefined;
    for (const candidate of digests) {
      if (timingSafeEqual(candidate.digest, presented) && match === undefined) match = candidate;
    }
    if (!match) return "invalid";
    if (!match.isPublic) return "accepted";
    const origin = request.get("origin");
    return origin !== undefined && allowedOrigins.has(normalizeOrigin(origin)) ? "accepted" : "public_key_wrong_origin";
  };
}

/**
 * Refuses requests without an accepted key with `401` and `WWW-Authenticate: Bearer`, in the
 * error shape of the API addressed (`invalid_api_key`). Passes every request when `apiKeys` is empty.
 *
 * @example
 * app.use(["/api", "/v1"], requireApiKey({ apiKeys: ["k1"], publicApiKeys: ["pk1"], allowedOrigins:
 * ["https://example.org"], logger }));
 */
export function requireApiKey(options: ApiKeyAuthOptions): RequestHandler {
  const check = createApiKeyCheck(options);
  if (options.apiKeys.length === 0 && options.publicApiKeys.length > 0) {
    options.logger.warn("PUBLIC_API_KEYS is set without API_KEYS: the APIs stay open to everyone");
  }
  return (request, response, next) => {
    const verdict = check(request);
    if (verdict === "accepted") {
      next();
      return;
    }
    options.logger.info(
      {
        reason: verdict,
        method: request.method,
        path: loggableValue(request.originalUrl.split("?")[0]),
        ip: clientAddressOf(request),
      },
      "API key refused",
    );
    response.setHeader(
      "WWW-Authenticate",
      `Bearer realm="report-chat"${verdict === "missing" ? "" : ', error="invalid_token"'}`,
    );
    sendUserError(request, response, new UserError(401, "invalid_api_key", refusals[verdict]));
  };
}
