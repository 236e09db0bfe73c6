import type { AnswerTable, Figure } from "../types.js";
import type { TableCell } from "./table-record.js";

/** An answer computed from the report's tables or stated figures. */
export interface TableAnswer {
  /** The answer, with `[n]` markers, in the question's language. */
  text: string;
  /** Chunk ids the markers refer to: `[1]` is `citedChunkIds[0]`. */
  citedChunkIds: string[];
  /** Every number the text states, each traced to its chunk span or to its derivation. */
  figures: Figure[];
  /** The rows the answer used, with a chart for a comparison, ranking or series. */
  table: AnswerTable;
}

export type AnswerLanguage = "zh" | "en";

/** Collects the chunks an answer cites and the figures it states, numbering citations in order. */
export class AnswerRecorder {
  readonly citedChunkIds: string[] = [];
  readonly figures: Figure[] = [];

  /** The citation number of `chunkId`, added on first use. */
  cite(chunkId: string): number {
    const index = this.citedChunkIds.indexOf(chunkId);
    if (index >= 0) return index + 1;
    this.citedChunkIds.push(chunkId);
    return this.citedChunkIds.length;
  }

  /** Records a number read from a cell and returns its `[n]` marker. */
  stateCell(cell: TableCell, unit: string | undefined, label: string): string {
    const citation = this.cite(cell.chunkId);
    const value = cell.text.replace(/%$/u, "");
    const span = unit === "%" && !cell.text.endsWith("%") ? cell.text : cell.text;
    this.figures.push({
      value,
      unit,
      label,
      citation,
      source: { citation, span, start: cell.start },
      status: "verified",
    });
    return `[${citation}]`;
  }

  /** Records a computed number with how it was derived. */
  stateDerived(value: string, unit: string | undefined, label: string, derivation: string, citation: number): void {
    this.figures.push({ value, unit, label, citation, derivation, status: "derived" });
  }
}

/** Decimal places of a written number. */
function decimalsOf(written: string): number {
  const fraction = /\.(\d+)/.exec(written);
  return fraction ? fraction[1].length : 0;
}

/** The value of a number as a table prints it: `1,589,948`, `(246,596)` and `−0.3` negative, `21%`. */
function printedValue(written: string): number {
  const negative = /^\(.*\)$/u.test(written.trim()) || /^[-−–]/u.test(written.trim());
  const value = Number(written.replace(/[(),%\s]/gu, "").replace(/^[-−–]/u, ""));
  return negative ? -value : value;
}

/** `value` written with as many decimals as the most precise operand, grouped by thousands as they are. */
export function formatResult(value: number, operands: string[]): string {
  const decimals = Math.max(0, ...operands.map(decimalsOf));
  const grouped = operands.some((operand) => /\d,\d{3}/u.test(operand));
  const rounded = grouped
    ? value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals })
    : value.toFixed(decimals);
  return /^-0(?:\.0+)?$/u.test(rounded) ? rounded.slice(1) : rounded;
}

/** The arithmetic shown in an answer, with a true minus sign: `154.4 − 131.0 = 23.4`. */
export function showDifference(minuend: string, subtrahend: string): { value: number; text: string; shown: string } {
  const value = printedValue(minuend) - printedValue(subtrahend);
  const text = formatResult(value, [minuend, subtrahend]).replace(/^-/u, "−");
  return { value, text, shown: `${minuend} − ${subtrahend} = ${text}` };
}

/** The arithmetic of a sum: `102.2 + 131.0 = 233.2`. */
export function showSum(terms: string[]): { value: number; text: string; shown: string } {
  const value = terms.reduce((sum, term) => sum + printedValue(term), 0);
  const text = formatResult(value, terms).replace(/^-/u, "−");
  return { value, text, shown: `${terms.join(" + ")} = ${text}` };
}

/** A ratio as a percentage with one decimal: `(267.4 − 233.2) / 233.2 = 14.7%`. */
export function showPercentChange(from: string, to: string): { text: string; shown: string } | undefined {
  const base = printedValue(from);
  if (base === 0) return undefined;
  const change = ((printedValue(to) - base) / base) * 100;
  const text = change.toFixed(1).replace(/^-/u, "−");
  return { text, shown: `(${to} − ${from}) / ${from} = ${text}%` };
}
