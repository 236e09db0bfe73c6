import type { Chunk } from "../types.js";

/** A policy outcome (`1` … `10`) or an enabling outcome (`A` … `C`) named in a heading or a path. */
const OUTCOME_IN_PATH = /成果目标\s*(\d{1,2}|[A-C])(?![\d.])/u;

/** A heading line that opens an outcome's section, e.g. `成果目标 3：建立和扩大社会保护底线`. */
const OUTCOME_HEADING = /(?:^|\n)[ \t]*成果目标\s*(\d{1,2}|[A-C])\s*[：:]/gu;

/** The outcome a chunk belongs to according to its section path or label, innermost first. */
export function outcomeOfChunk(chunk: Chunk): string | undefined {
  const places = [...chunk.sectionPath].reverse();
  if (chunk.label) places.unshift(chunk.label);
  for (const place of places) {
    const match = OUTCOME_IN_PATH.exec(place);
    if (match) return match[1];
  }
  return undefined;
}

/** The outcome whose heading comes last before `offset` in `text`. */
export function outcomeBefore(text: string, offset: number): string | undefined {
  let outcome: string | undefined;
  for (const match of text.slice(0, offset).matchAll(OUTCOME_HEADING)) outcome = match[1];
  return outcome;
}
