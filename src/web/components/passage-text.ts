/** Reads a passage's text for display: PDF line breaks joined, and rows of numbers recognised as a table. */

/** A run of lines that share the same number of trailing numeric cells. */
export interface PassageTable {
  /** Column headings when the line above the rows has one per value column. */
  header?: string[];
  rows: Array<{ label: string; cells: string[] }>;
}

export type PassageBlock = { kind: "text"; text: string } | { kind: "table"; table: PassageTable };

const cell = String.raw`(?:[-–—]|[-−]?\d[\d,]*(?:\.\d+)?%?)`;
const rowPattern = new RegExp(String.raw`^(.*?\S)\s+(${cell}(?:\s+${cell})+)$`, "u");
const headingToken = /\d{4}(?:\s*[-–]\s*\d{2,4})?(?:\s*\([^)]*\))?|\S+/gu;
const sentenceEnd = /[。！？：:；;.!?)）」』”"]$/u;
const cjk = /[\u3400-\u9fff\uff00-\uffef]/u;

function rowOf(line: string): { label: string; cells: string[] } | undefined {
  const match = rowPattern.exec(line.trim());
  if (!match) return undefined;
  return { label: match[1], cells: match[2].split(/\s+/u) };
}

/** Lines broken where the PDF's column ended are one line again; real paragraph ends are kept. */
export function joinBrokenLines(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const previous = joined[joined.length - 1];
    if (previous !== undefined && !sentenceEnd.test(previous) && previous.length >= 20) {
      const glue = cjk.test(previous.slice(-1)) && cjk.test(line[0]) ? "" : " ";
      joined[joined.length - 1] = `${previous}${glue}${line}`;
    } else joined.push(line);
  }
  return joined;
}

/** The passage as text blocks and tables, in order. At least three rows with the same cell count make a table. */
export function readPassage(text: string): PassageBlock[] {
  const lines = text.split(/\r?\n/u);
  const rows = lines.map(rowOf);
  const blocks: PassageBlock[] = [];
  let pending: string[] = [];
  const flushText = () => {
    if (pending.length > 0) blocks.push({ kind: "text", text: joinBrokenLines(pending).join("\n") });
    pending = [];
  };
  let index = 0;
  while (index < lines.length) {
    const run = runAt(rows, index);
    if (run.length >= 3) {
      const width = run[0].cells.length;
      const header = headerOf(pending[pending.length - 1], width);
      if (header) pending.pop();
      flushText();
      blocks.push({ kind: "table", table: { header, rows: run } });
      index += run.length;
      continue;
    }
    pending.push(lines[index]);
    index += 1;
  }
  flushText();
  return blocks;
}

function runAt(rows: ReadonlyArray<{ label: string; cells: string[] } | undefined>, start: number) {
  const first = rows[start];
  const run: Array<{ label: string; cells: string[] }> = [];
  if (!first) return run;
  for (let index = start; index < rows.length; index += 1) {
    const row = rows[index];
    if (!row || row.cells.length !== first.cells.length) break;
    run.push(row);
  }
  return run;
}

function headerOf(line: string | undefined, width: number): string[] | undefined {
  if (!line) return undefined;
  const tokens = line.trim().match(headingToken) ?? [];
  return tokens.length === width ? tokens : undefined;
}
