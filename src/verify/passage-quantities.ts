import { numeralValue } from "../quantity/chinese-numerals.js";
import { findQuantities, isFigure, type Quantity, readInUnit } from "../quantity/find-quantities.js";
import type { Citation } from "../types.js";
import { clauseAround, nearAround, seriesNumbers, type Terms, termsOf, yearsNamed } from "./referent.js";
import type { TableCellFact } from "./table-cell-fact.js";

/** A number a passage states, with what it is about. */
export interface PassageQuantity {
  quantity: Quantity;
  /** The value before the scale and unit (`5,720` of `5,720 万美元`): what a bare number in an answer repeats. */
  writtenValue: number;
  citation: number;
  /** Words that say what the number is: its clause in prose, or its row and column in a table. */
  referent: Terms;
  /** In prose, the words right next to the number. */
  near?: Terms;
  /** For a table cell, its row and column labels, each of which an answer names to mean this cell. */
  labels?: Terms[];
  /** The label of the cell (`经常预算 × 实际支出`) or the clause, as a reader would name it. */
  description: string;
  /** Years its clause, or its cell's row and column, name. */
  years: Set<number>;
  /** Series numbers around it (`成果目标 3`), from its sentence, the passage's section and a table's caption. */
  series: Map<string, Set<number>>;
  /** The exact characters of the passage that hold the number, and their offset. */
  span: string;
  start: number;
}

/** The passages an answer may cite, with their quantities. */
export interface PassageIndex {
  byCitation: Map<number, PassageQuantity[]>;
}

/**
 * A unit the passage states once for its table's numbers: `(百万美元)`, `（以百万美元计）`, `(US$
 * million)`, `(%)`.
 */
const HEADER_UNIT = /[(（]\s*(?:以|单位[:：]?\s*|in\s+)?([^()（）\d]{1,12}?)\s*(?:计)?\s*[)）]/giu;

/** The unit of a table's bare numbers, when the passage states one in a heading such as `(百万美元)`. */
function headerUnitOf(text: string): string | undefined {
  for (const match of text.matchAll(HEADER_UNIT)) {
    const probe = findQuantities(`1 ${match[1].trim()}`)[0];
    if (probe && probe.kind !== "number" && probe.kind !== "date" && probe.kind !== "identifier")
      return match[1].trim();
  }
  return undefined;
}

/** A bare number read in the table's unit: `57.2` under `(百万美元)` is 57 200 000 USD. */
function inUnit(quantity: Quantity, unit: string): Quantity | undefined {
  const read = readInUnit(quantity.written, unit);
  if (!read || read.kind === "number") return undefined;
  return { ...read, start: quantity.start, end: quantity.end, span: quantity.span };
}

function writtenValueOf(quantity: Quantity): number {
  return numeralValue(quantity.written.normalize("NFKC").replace(/[多余几]|百分之/gu, ""))?.value ?? quantity.value;
}

const SENTENCE_END = /[。！？!?\n]/u;

function sentenceAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1])) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to])) to += 1;
  return text.slice(from, to);
}

/** A row of a table written as text: a short line without sentence punctuation, whose words label its numbers. */
function lineAround(text: string, position: number): string {
  const start = text.lastIndexOf("\n", position - 1) + 1;
  const end = text.indexOf("\n", position);
  const line = text.slice(start, end < 0 ? text.length : end);
  return line.length <= 80 && !/[。！？]/u.test(line) ? line.replace(/[\d.,%]+/gu, " ") : "";
}

function proseQuantities(citation: Citation, quantities: Quantity[], sectionSeries: Quantity[]): PassageQuantity[] {
  const headerUnit = headerUnitOf(citation.text);
  const identifiers = quantities.filter((quantity) => !isFigure(quantity));
  const result: PassageQuantity[] = [];
  for (const quantity of quantities.filter(isFigure)) {
    const clause = clauseAround(citation.text, quantity.start, quantity.end);
    const sentence = sentenceAround(citation.text, quantity.start, quantity.end);
    const line = lineAround(citation.text, quantity.start);
    const near = identifiers.filter((identifier) => sentence.includes(identifier.span));
    const base: Omit<PassageQuantity, "quantity"> = {
      writtenValue: writtenValueOf(quantity),
      citation: citation.id,
      referent: termsOf(`${clause} ${quantity.kind === "number" ? line : ""}`),
      near: termsOf(nearAround(citation.text, quantity.start, quantity.end)),
      description: clause.replace(/\s+/gu, " ").trim(),
      series: seriesNumbers([...sectionSeries, ...near]),
      years: yearsNamed(identifiers.filter((identifier) => clause.includes(identifier.span))),
      span: quantity.span,
      start: quantity.start,
    };
    result.push({ ...base, quantity });
    const read = quantity.kind === "number" && headerUnit ? inUnit(quantity, headerUnit) : undefined;
    if (read) result.push({ ...base, quantity: read });
  }
  return result;
}

function cellQuantity(cell: TableCellFact, citation: Citation, sectionSeries: Quantity[]): PassageQuantity | undefined {
  const read = readInUnit(cell.text, cell.text.endsWith("%") ? "" : (cell.unit ?? ""));
  if (!read) return undefined;
  const row = termsOf(cell.row);
  const column = termsOf(cell.column);
  const start = cell.start;
  return {
    quantity: { ...read, start, end: start + cell.text.length, span: cell.text },
    writtenValue: writtenValueOf(read),
    citation: citation.id,
    referent: new Set([...row, ...column]),
    labels: [row, column],
    description: `${cell.row} × ${cell.column}`,
    series: seriesNumbers([...sectionSeries, ...findQuantities(cell.caption)]),
    years: yearsNamed(findQuantities(`${cell.row} ${cell.column}`)),
    span: citation.text.slice(start, start + cell.text.length),
    start,
  };
}

/**
 * The quantities of each passage. Cells of a parsed table stand for the numbers at their place, with
 * their row and column as referent; the rest is read as prose, a bare number of a table that states
 * its unit once (`(百万美元)`) also in that unit.
 */
export function indexPassages(passages: Citation[], cellsOfChunk: (chunkId: string) => TableCellFact[]): PassageIndex {
  const byCitation = new Map<number, PassageQuantity[]>();
  for (const citation of passages) {
    const sectionSeries = findQuantities(`${citation.section} ${citation.label ?? ""}`);
    const cells = cellsOfChunk(citation.chunkId)
      .filter((cell) => citation.text.slice(cell.start, cell.start + cell.text.length) === cell.text)
      .flatMap((cell) => cellQuantity(cell, citation, sectionSeries) ?? []);
    const covered = new Set(cells.map((cell) => cell.start));
    const prose = proseQuantities(citation, findQuantities(citation.text), sectionSeries).filter(
      (entry) => !covered.has(entry.start),
    );
    byCitation.set(citation.id, [...cells, ...prose]);
  }
  return { byCitation };
}
