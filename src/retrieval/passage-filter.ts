/** Which passages a search or an answer may draw on: by document, section, page and kind. */
import { compactText } from "../text/normalize.js";
import type { Chunk, ChunkKind } from "../types.js";

export interface PassageFilter {
  /** The document id (`Chunk.source`) passages must come from. */
  document?: string;
  /**
   * The start of the section path passages must lie under, e.g. `第二部分 > 成果目标 3` (spaces and width
   * ignored).
   */
  sectionPrefix?: string;
  /** First printed page, inclusive: passages without a page are left out. */
  pageFrom?: number;
  /** Last printed page, inclusive: passages without a page are left out. */
  pageTo?: number;
  /** Kinds of passage kept; all when absent. */
  kinds?: readonly ChunkKind[];
}

function comparableSection(section: string): string {
  return compactText(section).toLowerCase();
}

/** A test of one passage against `filter`, with the filter's text normalised once. */
export function passageFilterTest(filter: PassageFilter): (chunk: Chunk) => boolean {
  const prefix = filter.sectionPrefix === undefined ? undefined : comparableSection(filter.sectionPrefix);
  const kinds = filter.kinds === undefined || filter.kinds.length === 0 ? undefined : new Set(filter.kinds);
  const bounded = filter.pageFrom !== undefined || filter.pageTo !== undefined;
  return (chunk) => {
    if (filter.document !== undefined && chunk.source !== filter.document) return false;
    if (kinds && !kinds.has(chunk.kind)) return false;
    if (prefix !== undefined && !comparableSection(chunk.section).startsWith(prefix)) return false;
    if (!bounded) return true;
    if (chunk.page === undefined) return false;
    return chunk.page >= (filter.pageFrom ?? 1) && chunk.page <= (filter.pageTo ?? Number.POSITIVE_INFINITY);
  };
}
