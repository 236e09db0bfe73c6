import type { Chunk, Citation } from "../types.js";

/** The citation `[id]` of a passage: its document, and its page and label when it has them. */
export function citationOf(chunk: Chunk, id: number, score: number): Citation {
  const citation: Citation = {
    id,
    chunkId: chunk.id,
    text: chunk.text,
    section: chunk.section,
    score,
    document: chunk.source,
  };
  if (chunk.documentTitle !== undefined) citation.documentTitle = chunk.documentTitle;
  if (chunk.page !== undefined) citation.page = chunk.page;
  if (chunk.url !== undefined) citation.url = chunk.url;
  if (chunk.label !== undefined) citation.label = chunk.label;
  return citation;
}
