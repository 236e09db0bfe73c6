/**
 * The corpus documents themselves, so that a citation can link to the page it quotes
 * (`/documents/report.pdf#page=7`).
 *
 * @module
 */
import type { Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Router } from "express";
import { UserError } from "../errors.js";
import type { IndexManifest } from "../retrieval/index-manifest.js";

export interface DocumentRouterOptions {
  /** The folder the documents were ingested from (`CORPUS_DIR`). */
  corpusDir: string;
  /** The documents of the loaded index; read on every request so that a rebuilt index is picked up. */
  getDocuments: () => IndexManifest["documents"];
}

const CONTENT_TYPES: Record<IndexManifest["documents"][number]["format"], string> = {
  pdf: "application/pdf",
  text: "text/plain; charset=utf-8",
};

/**
 * A browser shows a PDF in its own viewer, a page of its making with inline styles and the PDF
 * embedded: the API's deny-all policy would leave it blank. Nothing else is allowed.
 */
const PDF_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "object-src 'self'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

/** Documents change only when the corpus does: a client revalidates with the entity tag. */
const DOCUMENT_CACHE_CONTROL = "public, max-age=0, must-revalidate";

/** A weak tag of the file's size and time of change, as `send` makes them. */
function entityTagOf(file: Stats): string {
  return `W/"${file.size.toString(16)}-${file.mtime.getTime().toString(16)}"`;
}

/** `inline; filename*=UTF-8''…` (RFC 6266): shown in the browser, saved under its own name. */
function inlineDisposition(documentId: string): string {
  const ascii = documentId.replace(/[^\x20-\x7e]|["\\]/gu, "_");
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(documentId)}`;
}

/**
 * `GET /documents/:id`: a document the index manifest lists, as its original file (a PDF as
 * `application/pdf`), with `ETag`, `Last-Modified` and byte ranges. Any other name, a path
 * that climbs out of the corpus included, is a 404.
 */
export function createDocumentRouter(options: DocumentRouterOptions): Router {
  const router = Router();
  router.get("/documents/:id", async (request, response, next) => {
    const id = request.params.id;
    const document = options.getDocuments().find((entry) => entry.id === id);
    if (!document || path.basename(id) !== id) {
      next(new UserError(404, "document_not_found", `no document "${id.slice(0, 200)}" in the index`));
      return;
    }
    const file = await stat(path.join(options.corpusDir, id)).catch(() => undefined);
    if (!file?.isFile()) {
      next(new UserError(404, "document_not_found", `the document "${id}" is no longer in the corpus`));
      return;
    }
    // The app turns Express's entity tags off (answers are never the same twice); a file has its own.
    response.setHeader("ETag", entityTagOf(file));
    response.setHeader("Content-Disposition", inlineDisposition(id));
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", DOCUMENT_CACHE_CONTROL);
    if (document.format === "pdf") response.setHeader("Content-Security-Policy", PDF_CONTENT_SECURITY_POLICY);
    response.sendFile(
      id,
      {
        root: options.corpusDir,
        dotfiles: "deny",
        lastModified: true,
        headers: { "Content-Type": CONTENT_TYPES[document.format] },
        cacheControl: false,
      },
      (error) => {
        if (!error) return;
        // A viewer that has what it wants drops the connection: nothing went wrong.
        if (response.headersSent) response.end();
        else next(error);
      },
    );
  });
  return router;
}
