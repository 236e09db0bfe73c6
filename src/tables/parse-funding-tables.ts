import type { ChunkStream } from "./chunk-stream.js";
import { outcomeBefore, outcomeOfChunk } from "./outcome-reference.js";
import { cellAt, squeezeSpaces, VALUE_CELL_PATTERN } from "./table-cells.js";
import type { TableCell, TableProblem, TableRecord, TableRow } from "./table-record.js";

/** The funding table header: `资金来源` then value columns written `name (unit)`. */
const HEADER = /资金来源\s*((?:[\p{Script=Han}]+\s*[(（][^()（）\n]+[)）]\s*){2,})/gu;
const HEADER_COLUMN = /([\p{Script=Han}]+)\s*[(（]([^()（）\n]+)[)）]/gu;

/** The label that closes a funding table. */
const TOTAL_LABEL = /^(?:合计|总计)/u;

/** The period every funding table covers. */
const FUNDING_PERIOD = "2018-2019";

export interface ParsedTables {
  tables: TableRecord[];
  problems: TableProblem[];
}

interface HeaderColumns {
  names: string[];
  unit?: string;
}

function readHeader(columnsText: string): HeaderColumns {
  const names: string[] = [];
  const units = new Set<string>();
  for (const match of columnsText.matchAll(HEADER_COLUMN)) {
    names.push(match[1]);
    units.add(match[2].trim());
  }
  return { names, unit: units.size === 1 ? [...units][0] : undefined };
}

/** A row pattern for `columnCount` value cells, anchored where the previous row ended. */
function rowPattern(columnCount: number): RegExp {
  const cells = Array.from({ length: columnCount }, () => `(${VALUE_CELL_PATTERN})`).join(String.raw`\s+`);
  return new RegExp(String.raw`\s*([\p{Script=Han}][\p{Script=Han}（）() ]*?)\s+${cells}(?=\s|$)`, "uy");
}

function readRows(stream: ChunkStream, from: number, columnCount: number): TableRow[] {
  const pattern = rowPattern(columnCount);
  const rows: TableRow[] = [];
  pattern.lastIndex = from;
  for (let match = pattern.exec(stream.text); match; match = pattern.exec(stream.text)) {
    const label = squeezeSpaces(match[1]);
    const cells: TableCell[] = [];
    let searchFrom = match.index + match[0].indexOf(match[1]) + match[1].length;
    for (const cellText of match.slice(2)) {
      const cellStart = stream.text.indexOf(cellText, searchFrom);
      cells.push(cellAt(stream, cellStart, cellText));
      searchFrom = cellStart + cellText.length;
    }
    rows.push({ label, name: label, cells });
    if (TOTAL_LABEL.test(label)) break;
  }
  return rows;
}

/**
 * The `资金来源` tables closing each policy outcome's `预算和支出` section: strategic budget and
 * actual expenditure by source of funds. `未定义` is kept as `null` (not defined), never zero.
 */
export function parseFundingTables(stream: ChunkStream): ParsedTables {
  const tables: TableRecord[] = [];
  const problems: TableProblem[] = [];
  for (const header of stream.text.matchAll(HEADER)) {
    const headerStart = header.index ?? 0;
    const position = stream.locate(headerStart);
    const excerpt = squeezeSpaces(stream.text.slice(headerStart, headerStart + 120));
    const columns = readHeader(header[1]);
    const rows = readRows(stream, headerStart + header[0].length, columns.names.length);
    const outcome = outcomeOfChunk(position.chunk) ?? outcomeBefore(stream.text, headerStart);
    if (rows.length === 0 || !TOTAL_LABEL.test(rows[rows.length - 1].label)) {
      problems.push({
        kind: "funding",
        chunkId: position.chunk.id,
        message: "funding table rows up to the total row could not be read",
        excerpt,
      });
      continue;
    }
    if (!outcome) {
      problems.push({
        kind: "funding",
        chunkId: position.chunk.id,
        message: "funding table outside any outcome section",
        excerpt,
      });
      continue;
    }
    const chunk = position.chunk;
    tables.push({
      id: `funding-outcome-${outcome}`,
      kind: "funding",
      caption: `成果目标 ${outcome} 资金来源：战略预算和实际支出(${columns.unit ?? "百万美元"})`,
      chunkId: rows[0].cells[0].chunkId,
      sectionPath: chunk.sectionPath,
      section: chunk.section,
      unit: columns.unit,
      period: FUNDING_PERIOD,
      outcome,
      labelColumn: "资金来源",
      columns: columns.names,
      rows,
    });
  }
  return { tables, problems };
}
