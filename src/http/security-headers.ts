/** Security headers on every response, with `helmet`. */
import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * The policy of everything but the chat page: JSON and scripts need nothing of a document's powers.
 * The web router replaces it with the page's own policy on `GET /`.
 */
const apiContentSecurityPolicy = {
  defaultSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'none'"],
  frameAncestors: ["'none'"],
};

/** Third-party pages load `/widget.js` and its hashed files with plain `<script>` and `<link>` tags. */
const embeddablePath = /^\/(?:widget\.js|assets\/[^/]+)$/u;

/**
 * `helmet` with a deny-all Content-Security-Policy (the page sets its own) and
 * `Cross-Origin-Resource-Policy: same-origin`, except `cross-origin` for `/widget.js` and
 * `/assets/*`, which other sites embed. `X-Powered-By` is removed too.
 */
export function createSecurityHeaders(): RequestHandler {
  const headers = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: apiContentSecurityPolicy },
    crossOriginResourcePolicy: { policy: "same-origin" },
  });
  return (request, response, next) => {
    headers(request, response, (error?: unknown) => {
      if (error) {
        next(error);
        return;
      }
      if (embeddablePath.test(request.path)) response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
      next();
    });
  };
}
