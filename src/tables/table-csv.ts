import type { TableRecord } from "./table-record.js";

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A table as CSV: the label column, a parent column for breakdown rows, then the value columns.
 * Undefined cells are left empty.
 */
export function tableToCsv(table: TableRecord): string {
  const hasParents = table.rows.some((row) => row.parent !== undefined);
  const header = [table.labelColumn, ...(hasParents ? ["上级指标"] : []), ...table.columns];
  const lines = [header.map(csvField).join(",")];
  for (const row of table.rows) {
    lines.push(
      [row.label, ...(hasParents ? [row.parent ?? ""] : []), ...row.cells.map((cell) => cell.value)]
        .map(csvField)
        .join(","),
    );
  }
  return `${lines.join("\r\n")}\r\n`;
}
