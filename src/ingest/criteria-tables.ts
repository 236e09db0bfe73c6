/**
 * Recognition of Appendix II's success-criteria tables (`成功标准 目标 成果`), whose three text
 * columns the extraction flattened into blank-separated blocks.
 *
 * @module
 */
import { CAPTION, numberedHeadingKind } from "./heading-numbering.js";
import { blocksOf, type Line, nonBlankIndexes } from "./report-lines.js";
import type { ReportTable, TableSpan } from "./report-tables.js";

/** Cell values that close a row of a success-criteria table (`成功标准 目标 成果`). */
const ROW_STATUS_WORDS = ["部分达成", "未达成", "达成", "信息不足"] as const;
const STATUS_AT_START = new RegExp(`^(?:${ROW_STATUS_WORDS.join("|")})`, "u");
const STATUS_AFTER_SPACE = new RegExp(`\\s(?:${ROW_STATUS_WORDS.join("|")})(?=[。．，,(（\\s]|$)`, "u");

/** A header line of text columns, e.g. `成功标准 目标 成果`: three or more short Chinese words. */
function isColumnHeader(line: Line): boolean {
  const tokens = line.trimmed.split(/\s+/u);
  return tokens.length >= 3 && tokens.every((token) => /^[\u4E00-\u9FFF]{2,6}$/u.test(token));
}

/**
 * A table whose three text columns were flattened into blank-separated blocks, e.g. Appendix II's
 * `成功标准 目标 成果`: a row ends with the block that holds its status (`达成。…`, `未达成 …`).
 * The table runs until the next heading or caption.
 */
export function readCriteriaTable(lines: Line[], index: number): TableSpan | undefined {
  const line = lines[index];
  if (line.blank || !isColumnHeader(line)) return undefined;
  let end = index + 1;
  while (end < lines.length) {
    const current = lines[end];
    if (!current.blank && (numberedHeadingKind(current.trimmed) || CAPTION.test(current.trimmed))) break;
    if (!current.blank && isColumnHeader(current)) break;
    end += 1;
  }
  const blocks = blocksOf(lines, nonBlankIndexes(lines, index + 1, end), true);
  const rows: string[] = [];
  let cells: string[] = [];
  for (const block of blocks) {
    cells.push(block);
    if (STATUS_AT_START.test(block) || STATUS_AFTER_SPACE.test(block)) {
      rows.push(cells.join(" | "));
      cells = [];
    }
  }
  if (rows.length === 0) return undefined;
  if (cells.length > 0) rows.push(cells.join(" | "));
  const header = line.trimmed.split(/\s+/u).join(" | ");
  const table: ReportTable = { shape: "criteria", label: "", title: "", header, rows, rowSeparator: "\n" };
  return { end, event: { type: "table", table, page: line.page } };
}
