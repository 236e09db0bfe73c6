/** Serves the chat page, the embeddable `widget.js` and the hashed browser assets. */
import { type Request, type Response, Router } from "express";
import type { WebAsset, WebAssets } from "../web/build-web-assets.js";

export interface WebRouterOptions {
  /** The result of `buildWebAssets`. */
  assets: WebAssets;
  /** With API keys required: a fresh page token, written into each chat page served. */
  issuePageToken?: () => { token: string };
}

/** The stable embed URL is revalidated often so hosts get a new release within minutes. */
const widgetCacheControl = "public, max-age=300";
const hashedCacheControl = "public, max-age=31536000, immutable";
const pageCacheControl = "no-cache";
/** The page loads only its own hashed files and calls only its own API. */
const pageContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "object-src 'none'",
].join("; ");

/**
 * `GET /` (`?lang=en` for English), `GET /insights`, `GET /widget.js`, `GET /assets/<name>-<hash>.<ext>`.
 */
export function createWebRouter(options: WebRouterOptions): Router {
  const { assets, issuePageToken } = options;
  const router = Router();
  router.get("/", (request, response) => {
    response.setHeader("Content-Security-Policy", pageContentSecurityPolicy);
    const language = request.query.lang === "en" ? "en" : "zh";
    if (issuePageToken) sendPageWithToken(request, response, assets.pages[language], issuePageToken().token);
    else sendAsset(request, response, assets.pages[language], pageCacheControl);
  });
  router.get("/insights", (request, response) => {
    response.setHeader("Content-Security-Policy", pageContentSecurityPolicy);
    response.setHeader("X-Robots-Tag", "noindex");
    sendAsset(request, response, assets.insightsPage, pageCacheControl);
  });
  router.get("/widget.js", (request, response) => {
    allowEmbedding(response);
    sendAsset(request, response, assets.widget, widgetCacheControl);
  });
  router.get("/assets/:fileName", (request, response, next) => {
    const asset = assets.hashedAssets.get(request.path);
    if (!asset) {
      next();
      return;
    }
    allowEmbedding(response);
    sendAsset(request, response, asset, hashedCacheControl);
  });
  return router;
}

/** Other sites load the widget with a plain `<script>`, which a `same-origin` resource policy would block. */
function allowEmbedding(response: Response): void {
  response.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
}

/** The chat page with its page token in a `<meta>` element: made for this response alone, never cached. */
function sendPageWithToken(request: Request, response: Response, page: WebAsset, token: string): void {
  const meta = `<meta name="report-chat-page-token" content="${token}">`;
  const body = Buffer.from(page.body.toString("utf8").replace("<head>", `<head>\n${meta}`));
  response.setHeader("Content-Type", page.contentType);
  response.setHeader("Cache-Control", "no-store");
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Content-Length", String(body.length));
  response.status(200).end(request.method === "HEAD" ? undefined : body);
}

function sendAsset(request: Request, response: Response, asset: WebAsset, cacheControl: string): void {
  const gzip = request.acceptsEncodings("gzip", "identity") === "gzip";
  const etag = gzip ? asset.gzippedEtag : asset.etag;
  response.setHeader("Content-Type", asset.contentType);
  response.setHeader("Cache-Control", cacheControl);
  response.setHeader("ETag", etag);
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.append("Vary", "Accept-Encoding");
  if (matchesEntityTag(request.get("if-none-match"), asset)) {
    response.status(304).end();
    return;
  }
  const body = gzip ? asset.gzippedBody : asset.body;
  if (gzip) response.setHeader("Content-Encoding", "gzip");
  response.setHeader("Content-Length", String(body.length));
  response.status(200).end(request.method === "HEAD" ? undefined : body);
}

/** Weak comparison (RFC 9110 §13.1.2): either encoding's tag means the client holds this content. */
function matchesEntityTag(ifNoneMatch: string | undefined, asset: WebAsset): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === "*") return true;
  const known = new Set([asset.etag, asset.gzippedEtag]);
  return ifNoneMatch.split(",").some((tag) => known.has(tag.trim().replace(/^W\//, "")));
}
