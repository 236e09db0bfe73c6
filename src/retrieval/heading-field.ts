import type { Chunk } from "../types.js";
import { bm25Terms } from "./bm25-index.js";

/**
 * "成果目标 5：农村经济中的体面劳动" → label "成果目标 5", title
 * "农村经济中的体面劳动".
 */
const NUMBERED_HEADING = /^\s*(\S*?[\p{L}]+)\s*([0-9]+|[A-Z](?:\.\d+)*|\d+(?:\.\d+)+)\s*[：:.．、]?\s*(.*)$/u;

/** A heading's label and title, when it is numbered. */
function splitHeading(heading: string): { noun: string; number: string; title: string } | undefined {
  const match = NUMBERED_HEADING.exec(heading.normalize("NFKC"));
  if (!match) return undefined;
  const [, noun, number, title] = match;
  return { noun, number, title };
}

/**
 * Aliases of a numbered heading for retrieval: each word of its label joined to its number, so that a
 * reader's shortening ("成果 5" for "成果目标 5", "outcome 5" for "policy outcome 5") reaches it.
 */
function labelAliases(heading: string): string[] {
  const parts = splitHeading(heading);
  if (!parts) return [];
  const number = parts.number.toLowerCase();
  return bm25Terms(parts.noun)
    .filter((term) => !term.includes("_"))
    .map((word) => `${word}_${number}`);
}

/**
 * The retrieval terms of a chunk's place in the report: the words of every heading on its section
 * path and of its figure or table label, plus the aliases of numbered headings. A question that names
 * a section by its title words ("农村经济") or its shortened label reaches the passages under it.
 */
export function headingTerms(chunk: Pick<Chunk, "sectionPath" | "label">): string[] {
  const headings = [...chunk.sectionPath, ...(chunk.label ? [chunk.label] : [])];
  return headings.flatMap((heading) => [...bm25Terms(heading), ...labelAliases(heading)]);
}

/** Aliases of the numbered headings a question names in its own words: "成果7" reads as 成果_7. */
export function questionHeadingAliases(question: string): string[] {
  const aliases: string[] = [];
  const pattern = /([\p{Script=Han}]{1,6}|[A-Za-z]+)\s*([0-9]+|[A-Z](?:\.\d+)+|\d+(?:\.\d+)+)(?![0-9])/gu;
  for (const match of question.normalize("NFKC").matchAll(pattern)) {
    const words = bm25Terms(match[1]).filter((term) => !term.includes("_"));
    const last = words[words.length - 1];
    if (last) aliases.push(`${last}_${match[2].toLowerCase()}`);
  }
  return aliases;
}
