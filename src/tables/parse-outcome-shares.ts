import type { ChunkStream } from "./chunk-stream.js";
import type { ParsedTables } from "./parse-funding-tables.js";
import { cellAt, squeezeSpaces } from "./table-cells.js";
import type { TableProblem, TableRecord, TableRow } from "./table-record.js";

/**
 * A pie-chart caption of Appendix I, e.g. `图 I.3. 国际劳工组织各司局和区域计划在政策成果目标 3
 * 上面的投入`.
 */
const SHARE_CAPTION = /图\s*([IVX]+)\.(\d+)\.?\s*([^\n]*?成果目标\s*(\d{1,2}|[A-C])[^\n]*)/gu;

/** One slice left by the PDF extraction: a department or region name, then its share. */
const SLICE = /(?<=^|\s|%|[；;，,])([\p{Script=Han}][\p{Script=Han}、和]{1,15})\s*(\d+(?:\.\d+)?)\s*%/gu;

/** The slice every pie ends with: the departments below the reporting threshold. */
const CLOSING_SLICE = /^其他$/u;

/** Where the appendix of shares ends. */
const NEXT_APPENDIX = /附录\s*II|附录\s*2/u;

interface Caption {
  figure: string;
  outcome: string;
  text: string;
  offset: number;
}

interface Slice {
  label: string;
  share: string;
  offset: number;
}

function readCaptions(text: string): Caption[] {
  return [...text.matchAll(SHARE_CAPTION)]
    .filter((match) => /投入|支出|占/u.test(match[3]))
    .map((match) => ({
      figure: `图 ${match[1]}.${match[2]}`,
      outcome: match[4],
      text: squeezeSpaces(match[0]),
      offset: match.index ?? 0,
    }));
}

function readSlices(text: string, from: number, to: number): Slice[] {
  const region = text.slice(from, to);
  const slices: Slice[] = [];
  for (const match of region.matchAll(SLICE)) {
    const labelOffset = from + (match.index ?? 0);
    slices.push({ label: match[1], share: `${match[2]}%`, offset: labelOffset });
  }
  return slices;
}

/** Cuts the slices into pies, each closed by its `其他` slice. */
function groupIntoPies(slices: Slice[]): Slice[][] {
  const pies: Slice[][] = [];
  let current: Slice[] = [];
  for (const slice of slices) {
    current.push(slice);
    if (CLOSING_SLICE.test(slice.label)) {
      pies.push(current);
      current = [];
    }
  }
  if (current.length > 0) pies.push(current);
  return pies;
}

function rowsOfPie(stream: ChunkStream, pie: Slice[]): TableRow[] {
  return pie.map((slice) => {
    const shareStart = stream.text.indexOf(slice.share.replace("%", ""), slice.offset + slice.label.length);
    const shareText = stream.text.slice(shareStart, stream.text.indexOf("%", shareStart) + 1);
    return { label: slice.label, name: slice.label, cells: [cellAt(stream, shareStart, shareText)] };
  });
}

/**
 * The pie charts of Appendix I (share of each department or region in an outcome's spending).
 * The extraction prints captions and slices apart, two captions then two pies; pies are read in
 * order, each closed by its `其他` slice, and matched to captions in order.
 */
export function parseOutcomeShares(stream: ChunkStream): ParsedTables {
  const text = stream.text;
  const captions = readCaptions(text);
  if (captions.length === 0) return { tables: [], problems: [] };
  const firstCaption = captions[0].offset;
  const end = NEXT_APPENDIX.exec(text.slice(firstCaption));
  const regionEnd = end ? firstCaption + end.index : text.length;
  const inRegion = captions.filter((caption) => caption.offset < regionEnd);
  const slices = readSlices(text, firstCaption, regionEnd).filter(
    (slice) =>
      !inRegion.some(
        (caption) => slice.offset >= caption.offset && slice.offset < caption.offset + caption.text.length,
      ),
  );
  // Percentages after the last pie (another appendix, when its heading is missing) are not slices.
  const pies = groupIntoPies(slices).slice(0, inRegion.length);
  const problems: TableProblem[] = [];
  if (pies.length !== inRegion.length || !pies.every((pie) => CLOSING_SLICE.test(pie[pie.length - 1].label))) {
    problems.push({
      kind: "shares",
      chunkId: stream.locate(firstCaption).chunk.id,
      message: `${inRegion.length} share captions but ${pies.length} pies of slices: shares left unread`,
      excerpt: squeezeSpaces(text.slice(firstCaption, firstCaption + 120)),
    });
    return { tables: [], problems };
  }
  const tables: TableRecord[] = inRegion.map((caption, index) => {
    const rows = rowsOfPie(stream, pies[index]);
    const position = stream.locate(caption.offset);
    return {
      id: `shares-outcome-${caption.outcome}`,
      kind: "shares",
      caption: caption.text,
      chunkId: rows[0].cells[0].chunkId,
      sectionPath: position.chunk.sectionPath,
      section: position.chunk.section,
      unit: "%",
      period: "2018-2019",
      outcome: caption.outcome,
      labelColumn: "司局或区域计划",
      columns: ["占总支出的百分比"],
      rows,
    };
  });
  for (const table of tables) {
    const total = table.rows.reduce(
      (sum, row) => sum + (typeof row.cells[0].value === "number" ? row.cells[0].value : 0),
      0,
    );
    if (Math.abs(total - 100) > 2) {
      problems.push({
        kind: "shares",
        chunkId: table.chunkId,
        message: `shares of ${table.id} add up to ${total}%, not 100%`,
        excerpt: table.caption,
      });
    }
  }
  return { tables, problems };
}
