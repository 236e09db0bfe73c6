import type { ChunkStream } from "./chunk-stream.js";
import type { ParsedTables } from "./parse-funding-tables.js";
import { cellAt, joinChineseLines, squeezeSpaces } from "./table-cells.js";
import type { TableCell, TableProblem, TableRecord, TableRow } from "./table-record.js";

/** An enabling-outcome indicator followed by its `成功标准 目标 成果` table header. */
const INDICATOR_HEADING =
  /(?:^|\n)[ \t]*指标\s*([A-C])\.(\d+)\s*[：:]\s*([\s\S]{1,200}?)\s*(?:成功标准、目标、成果表\s*)?成功标准\s*[|｜]?\s*目标\s*[|｜]?\s*成果/gu;

/** A cell separator of a table row written `criterion | target | result`. */
const CELL_SEPARATOR = /\s+[|｜]\s+/gu;

/** Where an indicator's table ends: the next indicator or outcome heading. */
const NEXT_HEADING = /\n[ \t]*(?:指标\s*[A-C]\.\d+|成果目标\s*[A-C0-9]+)\s*[：:]/u;

/** How far a target was reached, as the result column opens. */
const STATUS = /(?<=^|\s)(未达成|部分达成|达成|信息不足)/u;

/** A paragraph of the flattened columns and where it starts in the stream. */
interface Paragraph {
  text: string;
  start: number;
}

interface Cell {
  text: string;
  start: number;
}

interface ResultRow {
  criterion?: Cell;
  target?: Cell;
  status: Cell;
  result: Cell;
}

/** The cells of a row written with `|` separators, each as a paragraph of its own. */
function cellsOfLine(line: string, lineStart: number): Paragraph[] {
  const cells: Paragraph[] = [];
  let cellStart = 0;
  for (const separator of [...line.matchAll(CELL_SEPARATOR), null]) {
    const cellEnd = separator ? (separator.index ?? 0) : line.length;
    const raw = line.slice(cellStart, cellEnd);
    const leading = raw.length - raw.trimStart().length;
    if (raw.trim().length > 0) cells.push({ text: raw.trim(), start: lineStart + cellStart + leading });
    if (separator) cellStart = cellEnd + separator[0].length;
  }
  return cells;
}

function paragraphsOf(body: string, bodyStart: number): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  for (const match of body.matchAll(/[^\n]+(?:\n[^\s][^\n]*)*/gu)) {
    const text = match[0];
    const leading = text.length - text.trimStart().length;
    if (text.trim().length === 0) continue;
    const start = bodyStart + (match.index ?? 0);
    if (text.search(CELL_SEPARATOR) >= 0) {
      let lineStart = 0;
      for (const line of text.split("\n")) {
        paragraphs.push(...cellsOfLine(line, start + lineStart));
        lineStart += line.length + 1;
      }
    } else {
      paragraphs.push({ text: text.trim(), start: start + leading });
    }
  }
  return paragraphs;
}

function isUnfinished(text: string): boolean {
  return !/[。)）.]\s*$/u.test(text);
}

/** Splits `criterion。 target` written on one line by the extraction. */
function splitCriterionAndTarget(paragraph: Paragraph): [Cell | undefined, Cell] {
  const split = /。[ \t]+(?=\S)/u.exec(paragraph.text);
  if (!split || split.index + 1 >= paragraph.text.length - 1) return [undefined, paragraph];
  const targetStart = split.index + split[0].length;
  return [
    { text: paragraph.text.slice(0, split.index + 1), start: paragraph.start },
    { text: paragraph.text.slice(targetStart), start: paragraph.start + targetStart },
  ];
}

function joinCells(cells: Cell[]): Cell | undefined {
  if (cells.length === 0) return undefined;
  return { text: cells.map((cell) => cell.text).join("\n"), start: cells[0].start };
}

/**
 * Reads the three flattened columns: non-result paragraphs pile up as criterion then target;
 * a paragraph opening with a status (or holding one after a short target) closes a row.
 */
function readRows(paragraphs: Paragraph[]): ResultRow[] {
  const rows: ResultRow[] = [];
  let pending: Cell[] = [];
  let criterion: Cell | undefined;
  for (const paragraph of paragraphs) {
    const status = STATUS.exec(paragraph.text.split("\n")[0]);
    if (!status) {
      const previous = rows[rows.length - 1];
      if (pending.length === 0 && previous && isUnfinished(previous.result.text)) {
        previous.result = { text: `${previous.result.text}\n${paragraph.text}`, start: previous.result.start };
      } else {
        pending.push(paragraph);
      }
      continue;
    }
    const inlineTarget = paragraph.text.slice(0, status.index).trim();
    let target: Cell | undefined;
    if (inlineTarget.length > 0) {
      target = { text: inlineTarget, start: paragraph.start };
      if (pending.length > 0) criterion = joinCells(pending);
    } else if (pending.length >= 2) {
      criterion = joinCells(pending.slice(0, -1));
      target = pending[pending.length - 1];
    } else if (pending.length === 1) {
      const [splitCriterion, splitTarget] = splitCriterionAndTarget(pending[0]);
      if (splitCriterion) criterion = splitCriterion;
      target = splitTarget;
    }
    const resultStart = status.index;
    rows.push({
      criterion,
      target,
      status: { text: status[1], start: paragraph.start + resultStart },
      result: { text: paragraph.text.slice(resultStart), start: paragraph.start + resultStart },
    });
    pending = [];
  }
  return rows;
}

function tableCell(stream: ChunkStream, cell: Cell | undefined, fallbackStart: number): TableCell {
  if (!cell) return cellAt(stream, fallbackStart, "", null);
  const text = joinChineseLines(cell.text);
  return cellAt(stream, cell.start, text, text);
}

/**
 * The indicator tables of Appendix II: per enabling-outcome indicator (`指标 A.1` …), rows of
 * success criterion, target, status (`达成` / `未达成` / `部分达成` / `信息不足`) and result,
 * recovered from the three columns the PDF extraction prints one after another.
 */
export function parseIndicatorResults(stream: ChunkStream): ParsedTables {
  const tables: TableRecord[] = [];
  const problems: TableProblem[] = [];
  const text = stream.text;
  const blocks = new Map<string, { heading: RegExpMatchArray; headingStart: number; paragraphs: Paragraph[] }>();
  for (const heading of text.matchAll(INDICATOR_HEADING)) {
    const headingStart = (heading.index ?? 0) + heading[0].indexOf("指标");
    const bodyStart = (heading.index ?? 0) + heading[0].length;
    const next = NEXT_HEADING.exec(text.slice(bodyStart));
    const bodyEnd = next ? bodyStart + next.index : text.length;
    const indicator = `${heading[1]}.${heading[2]}`;
    // A table cut into several chunks repeats its heading in each: the pieces are read as one.
    const block = blocks.get(indicator) ?? { heading, headingStart, paragraphs: [] };
    block.paragraphs.push(...paragraphsOf(text.slice(bodyStart, bodyEnd), bodyStart));
    blocks.set(indicator, block);
  }
  for (const [indicator, { heading, headingStart, paragraphs }] of blocks) {
    const position = stream.locate(headingStart);
    const rows = readRows(paragraphs);
    if (rows.length === 0) {
      problems.push({
        kind: "indicator-results",
        chunkId: position.chunk.id,
        message: `indicator ${indicator}: no row with a result status`,
        excerpt: squeezeSpaces(text.slice(headingStart, headingStart + 120)),
      });
      continue;
    }
    const tableRows: TableRow[] = rows.map((row) => {
      const criterion = tableCell(stream, row.criterion, row.status.start);
      const label = typeof criterion.value === "string" ? criterion.value : "";
      return {
        label,
        name: label,
        cells: [
          tableCell(stream, row.target, row.status.start),
          tableCell(stream, row.status, row.status.start),
          tableCell(stream, row.result, row.status.start),
        ],
      };
    });
    const missingTargets = rows.filter((row) => !row.target).length;
    if (missingTargets > 0) {
      problems.push({
        kind: "indicator-results",
        chunkId: position.chunk.id,
        message: `indicator ${indicator}: ${missingTargets} row(s) without a readable target`,
        excerpt: squeezeSpaces(text.slice(headingStart, headingStart + 120)),
      });
    }
    tables.push({
      id: `indicator-results-${indicator}`,
      kind: "indicator-results",
      caption: `指标 ${indicator}：${joinChineseLines(heading[3])}`,
      chunkId: tableRows[0].cells[1].chunkId,
      sectionPath: position.chunk.sectionPath,
      section: position.chunk.section,
      period: "2018-2019",
      outcome: heading[1],
      labelColumn: "成功标准",
      columns: ["目标", "达成情况", "成果"],
      rows: tableRows,
    });
  }
  return { tables, problems };
}
