/** Where the server serves a corpus document (`GET /documents/:id`), and a page of a PDF inside it. */

/** The path a document is served at: `/documents/report.pdf`. */
export function documentPathOf(documentId: string): string {
  return `/documents/${encodeURIComponent(documentId)}`;
}

/** The link to a page of a PDF (`/documents/report.pdf#page=7`, the fragment every PDF viewer reads). */
export function pdfPageUrlOf(documentId: string, page: number): string {
  return `${documentPathOf(documentId)}#page=${page}`;
}
