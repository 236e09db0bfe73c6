import type { Chunk } from "../types.js";

/** A heading of the report, where it sits and the first passage under it. */
export interface OutlineEntry {
  heading: string;
  /** 1 for a top-level heading. */
  level: number;
  /** The headings from the top down to this one. */
  path: string[];
  /** The first passage under this heading (or under its first sub-heading). */
  firstChunk: Chunk;
}

/** "成果目标 5：农村经济中的体面劳动" → noun "成果目标", number "5". */
const NUMBERED = /^\s*([\p{L}][\p{L}\s]*?)\s*([0-9]+|[A-Z])\s*[：:.．、]/u;

/** The label noun and number of a numbered heading ("成果目标", "5"), if it is numbered. */
export function numberedLabel(heading: string): { noun: string; number: string } | undefined {
  const match = NUMBERED.exec(heading.normalize("NFKC"));
  return match ? { noun: match[1].trim(), number: match[2] } : undefined;
}

/** Every heading of the report in reading order, derived from the passages' section paths. */
export function outlineOf(chunks: Chunk[]): OutlineEntry[] {
  const entries = new Map<string, OutlineEntry>();
  for (const chunk of chunks) {
    chunk.sectionPath.forEach((heading, depth) => {
      if (heading.trim().length === 0) return;
      const path = chunk.sectionPath.slice(0, depth + 1);
      const key = path.join(" > ");
      if (!entries.has(key)) entries.set(key, { heading, level: depth + 1, path, firstChunk: chunk });
    });
  }
  return [...entries.values()];
}

/** Headings under which a report introduces or sums itself up. */
const SUMMARY_HEADING = /前言|导言|引言|序言|摘要|概述|概要|总结|foreword|preface|introduction|summary|overview/iu;

/** Front and back matter: abbreviations, contents, appendices, references. */
const FRONT_OR_BACK_MATTER =
  /缩略语|缩写|目录|附录|附件|参考文献|abbreviation|acronym|contents|annex|appendix|references/iu;

/** The top-level sections that introduce or sum up the report, in reading order. */
export function summarySections(outline: OutlineEntry[]): OutlineEntry[] {
  return outline.filter((entry) => entry.level === 1 && SUMMARY_HEADING.test(entry.heading));
}

/** The headings directly under `parent` (the top level when it is undefined). */
export function childrenOf(outline: OutlineEntry[], parent?: OutlineEntry): OutlineEntry[] {
  if (!parent) return outline.filter((entry) => entry.level === 1);
  return outline.filter(
    (entry) =>
      entry.level === parent.level + 1 && parent.path.every((heading, position) => entry.path[position] === heading),
  );
}

/** The report's main parts: its top-level headings that are neither front matter nor appendices. */
export function mainTopics(outline: OutlineEntry[]): string[] {
  return childrenOf(outline)
    .map((entry) => entry.heading)
    .filter((heading) => !SUMMARY_HEADING.test(heading) && !FRONT_OR_BACK_MATTER.test(heading));
}
