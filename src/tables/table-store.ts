import { z } from "zod";
import { IndexError } from "../errors.js";
import { contentWords } from "../text/segmenter.js";
import type { FigureRecord, TableExtraction, TableKind, TableProblem, TableRecord } from "./table-record.js";

/** The version of the `tables.json` layout; a file of another version is rebuilt. */
export const TABLES_FORMAT_VERSION = 3;

/** What `GET /api/tables` lists for each table. */
export interface TableSummary {
  id: string;
  caption: string;
  section: string;
  kind: TableKind;
  unit?: string;
  rows: number;
  chunkId: string;
  /** The page the table starts on, when known. */
  page?: number;
  /** The document (file name inside `corpus/`) that prints it. */
  document?: string;
}

function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

/** The report's tables and stated figures, looked up by id or found by words. */
export class TableStore {
  private readonly byId: Map<string, TableRecord>;

  constructor(
    readonly tables: TableRecord[],
    readonly figures: FigureRecord[] = [],
    readonly problems: TableProblem[] = [],
  ) {
    this.byId = new Map(tables.map((table) => [table.id, table]));
  }

  /** A store of everything `extractTables` read. */
  static fromExtraction(extraction: TableExtraction): TableStore {
    return new TableStore(extraction.tables, extraction.figures, extraction.problems);
  }

  list(): TableSummary[] {
    return this.tables.map((table) => ({
      id: table.id,
      caption: table.caption,
      section: table.section,
      kind: table.kind,
      unit: table.unit,
      rows: table.rows.length,
      chunkId: table.chunkId,
      page: table.page,
      document: table.document,
    }));
  }

  get(id: string): TableRecord | undefined {
    return this.byId.get(id);
  }

  /** The tables of one kind, in report order. */
  ofKind(kind: TableKind): TableRecord[] {
    return this.tables.filter((table) => table.kind === kind);
  }

  /**
   * Figure records matching `query`: those whose sentence holds the query as a plain substring
   * first, then by the share of the query's jieba words their sentence holds.
   * @param limit most records returned. @default 20
   */
  findFigures(query: string, limit = 20): FigureRecord[] {
    const needle = compact(query);
    const words = [...new Set(contentWords(query))];
    const scored = this.figures.map((figure) => {
      const haystack = compact(`${figure.sentence} ${figure.value}${figure.unit ?? ""}`);
      const substring = needle.length > 0 && haystack.includes(needle) ? 1 : 0;
      const overlap =
        words.length === 0 ? 0 : words.filter((word) => haystack.includes(compact(word))).length / words.length;
      const labelBonus = words.some((word) => compact(figure.label).includes(compact(word))) ? 0.1 : 0;
      return { figure, score: substring * 2 + overlap + labelBonus, overlap, substring };
    });
    return scored
      .filter((entry) => entry.substring > 0 || entry.overlap >= 0.5)
      .sort((left, right) => right.score - left.score)
      .slice(0, limit)
      .map((entry) => entry.figure);
  }
}

const cellSchema = z.object({
  value: z.union([z.number(), z.string(), z.null()]),
  text: z.string(),
  chunkId: z.string(),
  start: z.number().int().nonnegative(),
});

/** A table record as `tables.json` stores it and `GET /api/tables/:id` serves it. */
export const tableSchema = z.object({
  id: z.string(),
  kind: z.literal("layout"),
  caption: z.string(),
  chunkId: z.string(),
  sectionPath: z.array(z.string()),
  section: z.string(),
  unit: z.string().optional(),
  page: z.number().int().optional(),
  document: z.string().optional(),
  header: z.string().optional(),
  labelColumn: z.string(),
  columns: z.array(z.string()),
  rows: z.array(
    z.object({ label: z.string(), name: z.string(), parent: z.string().optional(), cells: z.array(cellSchema) }),
  ),
});

/** A stated figure as `tables.json` stores it and `GET /api/figures` serves it. */
export const figureSchema = z.object({
  id: z.string(),
  value: z.string(),
  numeric: z.number(),
  unit: z.string().optional(),
  label: z.string(),
  sentence: z.string(),
  chunkId: z.string(),
  section: z.string(),
  start: z.number().int().nonnegative(),
  span: z.string(),
});

const problemSchema = z.object({
  kind: z.literal("layout"),
  chunkId: z.string(),
  message: z.string(),
  excerpt: z.string(),
});

const tablesFileSchema = z.object({
  version: z.literal(TABLES_FORMAT_VERSION),
  tables: z.array(tableSchema),
  figures: z.array(figureSchema),
  problems: z.array(problemSchema),
});

/** The contents of `tables.json`, saved next to the index. */
export function serializeTables(extraction: TableExtraction): string {
  return JSON.stringify({
    version: TABLES_FORMAT_VERSION,
    tables: extraction.tables,
    figures: extraction.figures,
    problems: extraction.problems,
  });
}

/**
 * A store read back from `tables.json`.
 * @throws IndexError (`corrupted`) when the JSON is unreadable or of another layout.
 */
export function loadTables(json: string): TableStore {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new IndexError("corrupted", "tables.json is not valid JSON", { cause: error });
  }
  const result = tablesFileSchema.safeParse(parsed);
  if (!result.success)
    throw new IndexError(
      "corrupted",
      `tables.json does not match its layout: ${result.error.issues[0]?.message ?? "unknown"}`,
    );
  return new TableStore(result.data.tables, result.data.figures, result.data.problems);
}
