/** Search over the passages with filters and paging, each result saying why it matched. */
import { createHash } from "node:crypto";
import { UserError } from "../errors.js";
import { compactText } from "../text/normalize.js";
import { contentWords } from "../text/segmenter.js";
import type { Chunk, ChunkKind, SearchResult } from "../types.js";
import type { HybridRetriever, RetrievedChunk } from "./hybrid-retriever.js";
import { type PassageFilter, passageFilterTest } from "./passage-filter.js";

/** How a search is run over one index. */
export interface PassageSearchContext {
  /** Ranks every passage of the index (a `HybridRetriever` with `candidates` set to their number). */
  everyPassage: Pick<HybridRetriever, "retrieveRange">;
  /** The query retrieval runs for a text, as answers run it. */
  retrievalQuery: (text: string) => string;
}

/** Why a passage was found. */
export interface SearchMatch {
  /** The words of the query (as run, English translated) that the passage holds. */
  terms: string[];
  /** Place in the vector ranking of every passage (1 is the closest). */
  denseRank?: number;
  /** Place in the word (BM25) ranking, absent when the passage holds none of the query's words. */
  lexicalRank?: number;
}

/** A passage found by `GET /api/search`. */
export interface PassageSearchResult extends SearchResult {
  document: string;
  kind: ChunkKind;
  sectionPath: string[];
  match: SearchMatch;
}

export interface PassageSearchRequest {
  q: string;
  k: number;
  /** Where the previous page stopped, as `nextCursor` gave it. */
  cursor?: string;
  filter: PassageFilter;
}

export interface PassageSearchPage {
  results: PassageSearchResult[];
  /** Pass as `cursor` for the next page; absent on the last page. */
  nextCursor?: string;
}

/** What a cursor belongs to: the query and the filters, so that it cannot page another search. */
function searchFingerprint(request: PassageSearchRequest): string {
  const { q, filter } = request;
  const kinds = filter.kinds ? [...filter.kinds].sort() : undefined;
  return createHash("sha256")
    .update(JSON.stringify([q, filter.document, filter.sectionPrefix, filter.pageFrom, filter.pageTo, kinds]))
    .digest("base64url")
    .slice(0, 12);
}

function encodeCursor(offset: number, fingerprint: string): string {
  return Buffer.from(`${offset}.${fingerprint}`, "utf8").toString("base64url");
}

/** @throws {UserError} 400 `invalid_cursor` for a cursor this search did not give. */
function offsetOf(cursor: string | undefined, fingerprint: string): number {
  if (cursor === undefined) return 0;
  const [offset, owner] = Buffer.from(cursor, "base64url").toString("utf8").split(".");
  if (owner !== fingerprint || !/^\d{1,6}$/u.test(offset ?? ""))
    throw new UserError(400, "invalid_cursor", "cursor does not belong to this query and these filters");
  return Number(offset);
}

/** The distinct words of a query as passages are compared: NFKC, no spaces, lower case. */
function wordsOf(query: string): string[] {
  const words = contentWords(query).map((word) => compactText(word).toLowerCase());
  return [...new Set(words)].filter((word) => word.length > 0);
}

/** Each passage's text as query words are looked for in it, made once per passage. */
const comparableTexts = new WeakMap<Chunk, string>();

function comparableText(chunk: Chunk): string {
  let text = comparableTexts.get(chunk);
  if (text === undefined) {
    text = compactText(chunk.text).toLowerCase();
    comparableTexts.set(chunk, text);
  }
  return text;
}

function matchOf(item: RetrievedChunk, queryWords: string[]): SearchMatch {
  const text = comparableText(item.chunk);
  const match: SearchMatch = { terms: queryWords.filter((word) => text.includes(word)) };
  if (item.denseRank !== undefined) match.denseRank = item.denseRank;
  if (item.lexicalRank !== undefined) match.lexicalRank = item.lexicalRank;
  return match;
}

function resultOf(item: RetrievedChunk, queryWords: string[]): PassageSearchResult {
  const chunk: Chunk = item.chunk;
  const result: PassageSearchResult = {
    id: chunk.id,
    text: chunk.text,
    section: chunk.section,
    sectionPath: chunk.sectionPath,
    document: chunk.source,
    kind: chunk.kind,
    score: item.score,
    match: matchOf(item, queryWords),
  };
  if (chunk.page !== undefined) result.page = chunk.page;
  if (chunk.url !== undefined) result.url = chunk.url;
  if (chunk.label !== undefined) result.label = chunk.label;
  return result;
}

/**
 * One page of passages for a query: every passage is ranked (so pages never overlap or skip),
 * those outside the filters are dropped, and `k` are returned from the cursor on.
 */
export async function searchPassages(
  context: PassageSearchContext,
  request: PassageSearchRequest,
): Promise<PassageSearchPage> {
  const fingerprint = searchFingerprint(request);
  const offset = offsetOf(request.cursor, fingerprint);
  const retrievalQuery = context.retrievalQuery(request.q);
  const { passages, total } = await context.everyPassage.retrieveRange(retrievalQuery, {
    offset,
    k: request.k,
    keeps: passageFilterTest(request.filter),
  });
  const queryWords = wordsOf(retrievalQuery);
  const page: PassageSearchPage = { results: passages.map((item) => resultOf(item, queryWords)) };
  if (offset + request.k < total) page.nextCursor = encodeCursor(offset + request.k, fingerprint);
  return page;
}
