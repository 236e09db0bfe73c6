/**
 * Recognition of the report's tables and their names: budget and indicator tables of label +
 * values rows, Appendix II's success-criteria tables and the data of pie charts, each found by
 * its own reader, then named after the headings they are printed under.
 *
 * @module
 */
import { readCriteriaTable } from "./criteria-tables.js";
import { type HeadingKind, shortHeading } from "./heading-numbering.js";
import { isValueRow, readNumericTable } from "./numeric-tables.js";
import type { Line } from "./report-lines.js";
import { readShareTables } from "./share-tables.js";

/** A table recognised in the report, rows kept as printed. */
export interface ReportTable {
  /**
   * `numeric`: label + values rows; `criteria`: rows of text cells ending with a status; `share`: label/percentage
   * pairs of a pie chart.
   */
  shape: "numeric" | "criteria" | "share";
  /** Short name, e.g. `表 成果目标 1 资金来源` or `图 I.1`. */
  label: string;
  /**
   * A title line that makes the table retrievable on its own, e.g. `成果目标 1 预算和支出
   * 资金来源表（百万美元）`.
   */
  title: string;
  /** The column header as printed (repeated at the start of every piece of a split table), or `""`. */
  header: string;
  /** Whole rows, in order; a source note (`资料来源：…`) comes last. */
  rows: string[];
  /** How rows are written one after the other in a chunk: one per line, or `；` for label/percentage pairs. */
  rowSeparator: "\n" | "；";
}

/** A recognised table, or the tables of pie charts printed one after the other (named later, after their captions). */
export type TableEvent =
  | { type: "table"; table: ReportTable; page?: number }
  | { type: "share-tables"; tables: Array<{ rows: string[] }>; page?: number };

/** A table found in the lines, with the index after its last line. */
export interface TableSpan {
  end: number;
  event: TableEvent;
}

/** A heading a table is printed under, outermost first. */
export interface EnclosingHeading {
  title: string;
  kind: HeadingKind;
}

/**
 * Finds every table, keyed by the index of its first line. The readers run in turn, the most
 * specific first, and a line one of them claimed is not read again by the next.
 */
export function findTables(lines: Line[]): Map<number, TableSpan> {
  const spans = new Map<number, TableSpan>();
  const taken = new Set<number>();
  const claim = (start: number, span: TableSpan): void => {
    spans.set(start, span);
    for (let index = start; index < span.end; index += 1) taken.add(index);
  };
  for (const readTable of [readCriteriaTable, readShareTables]) {
    for (let index = 0; index < lines.length; index += 1) {
      if (taken.has(index)) continue;
      const span = readTable(lines, index);
      if (span) {
        claim(index, span);
        index = span.end - 1;
      }
    }
  }
  for (let index = 0; index < lines.length; index += 1) {
    if (taken.has(index) || !isValueRow(lines[index])) continue;
    const numeric = readNumericTable(lines, index, taken);
    if (numeric) {
      claim(numeric.start, numeric.span);
      index = numeric.span.end - 1;
    }
  }
  return spans;
}

/** A table of a report in Latin script: no Chinese in its rows nor in the heading it stands under. */
function isLatinTable(table: ReportTable, headings: readonly EnclosingHeading[]): boolean {
  const text = `${table.rows.join(" ")} ${headings.at(-1)?.title ?? ""}`;
  return !/[\u4E00-\u9FFF]/u.test(text);
}

function nearestNumbered(headings: readonly EnclosingHeading[]): EnclosingHeading | undefined {
  return headings.findLast((heading) => heading.kind === "outcome" || heading.kind === "indicator");
}

function firstHeaderWord(header: string): string | undefined {
  const first = header.split(/[\s|]+/u).find((token) => token !== "");
  return first && /^[\u4E00-\u9FFF]+$/u.test(first) ? first : undefined;
}

function unitOf(header: string): string {
  const unit = /[(（]([^()（）]*(?:元|%|百分比)[^()（）]*)[)）]/u.exec(header);
  return unit ? `（${unit[1]}）` : "";
}

/**
 * A table's short name: `表 成果目标 1 资金来源` from its nearest numbered heading and the first
 * word of its header, or its own title when it has one.
 */
export function tableLabel(table: ReportTable, headings: readonly EnclosingHeading[]): string {
  const numbered = nearestNumbered(headings);
  if (table.shape === "criteria" && numbered) return `表 ${shortHeading(numbered.title)}`;
  const noun = isLatinTable(table, headings) ? "Table" : "表";
  if (table.title !== "") return `${noun} ${table.title}`;
  const word = firstHeaderWord(table.header);
  const owner = numbered ? shortHeading(numbered.title) : headings.at(-1)?.title;
  return [noun, owner, word].filter((part) => part !== undefined && part !== "").join(" ");
}

/**
 * A title that makes the table retrievable on its own, e.g. `成果目标 1 预算和支出
 * 资金来源表（百万美元）`:
 * the headings it is printed under, then what the table is.
 */
export function tableTitle(table: ReportTable, headings: readonly EnclosingHeading[]): string {
  const numbered = nearestNumbered(headings);
  const section = headings.at(-1);
  const owner = numbered ? shortHeading(numbered.title) : undefined;
  const sectionTitle = section && section !== numbered ? section.title : undefined;
  if (table.shape === "criteria") {
    const columns = table.header.split(" | ").join("、");
    return [numbered?.title ?? sectionTitle, `${columns}表`].filter(Boolean).join(" ");
  }
  if (table.title !== "") return [owner, table.title].filter(Boolean).join(" ");
  if (isLatinTable(table, headings)) return [owner, sectionTitle, "table"].filter(Boolean).join(" ");
  const word = firstHeaderWord(table.header);
  return [owner, sectionTitle, `${word ?? ""}表${unitOf(table.header)}`].filter(Boolean).join(" ");
}
