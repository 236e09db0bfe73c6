import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { IndexError } from "../src/errors.js";
import { ingestCorpus } from "../src/ingest/ingest-report.js";
import { loadCorpus } from "../src/ingest/load-corpus.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { tableToCsv } from "../src/tables/table-csv.js";
import type { TableExtraction, TableRecord } from "../src/tables/table-record.js";
import { loadTables, serializeTables, TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

const corpusDirectory = fileURLToPath(new URL("../corpus", import.meta.url));

function chunk(id: string, text: string, sectionPath: string[] = [], label?: string): Chunk {
  return {
    id,
    text,
    sectionPath,
    section: sectionPath.join(" > "),
    kind: "table",
    label,
    source: "ilo-pir-2018-19.zh.txt",
  };
}

let chunks: Chunk[];
let extraction: TableExtraction;
let store: TableStore;

beforeAll(async () => {
  chunks = (await ingestCorpus(await loadCorpus(corpusDirectory))).chunks;
  extraction = extractTables(chunks);
  store = TableStore.fromExtraction(extraction);
});

/** The table printed under `caption`. */
function table(caption: string): TableRecord {
  const found = store.tables.find((record) => record.caption === caption);
  if (!found) throw new Error(`no table ${caption}`);
  return found;
}

function values(record: TableRecord): Record<string, Array<number | string | null>> {
  return Object.fromEntries(
    record.rows.map((row) => [
      row.parent ? `${row.parent}/${row.name}` : row.name,
      row.cells.map((cell) => cell.value),
    ]),
  );
}

/** Funding tables as read by hand from the report: [regular budget, extra-budgetary, RBSA, total] x [budget, spent]. */
const FUNDING_BY_HAND: Record<string, number[][]> = {
  "1": [
    [102.2, 104.8],
    [131.0, 154.4],
    [NaN, 8.2],
    [233.2, 267.4],
  ],
  "2": [
    [56.8, 59.2],
    [16.8, 26.5],
    [NaN, 2.0],
    [73.6, 87.7],
  ],
  "3": [
    [39.2, 37.4],
    [23.7, 17.5],
    [NaN, 2.3],
    [62.9, 57.2],
  ],
  "4": [
    [45.6, 45.0],
    [61.8, 54.5],
    [NaN, 2.3],
    [107.4, 101.8],
  ],
  "5": [
    [27.4, 27.9],
    [12.0, 15.5],
    [NaN, 2.2],
    [39.4, 45.6],
  ],
  "6": [
    [32.9, 31.9],
    [3.9, 3.7],
    [NaN, 0.9],
    [36.8, 36.5],
  ],
  "7": [
    [54.3, 50.4],
    [77.5, 73.7],
    [NaN, 1.7],
    [131.8, 125.8],
  ],
  "8": [
    [41.9, 42.0],
    [82.1, 63.7],
    [NaN, 0.7],
    [124.0, 106.4],
  ],
  "9": [
    [28.4, 25.7],
    [32.3, 54.0],
    [NaN, 0.8],
    [60.7, 80.5],
  ],
  "10": [
    [66.9, 66.8],
    [8.9, 6.1],
    [NaN, 1.5],
    [75.8, 74.4],
  ],
};

describe("tables found by their layout in the report", () => {
  it("reads one budget table per policy outcome, 未定义 as null", () => {
    for (const [outcome, expected] of Object.entries(FUNDING_BY_HAND)) {
      const record = table(`表 成果目标 ${outcome} 资金来源`);
      expect(record).toMatchObject({ unit: "百万美元", columns: ["战略预算", "实际支出"], labelColumn: "资金来源" });
      expect(record.rows.map((row) => row.label)).toEqual(["经常预算", "预算外发展合作", "经常预算补充账户", "合计"]);
      expect(record.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual(
        expected.map((row) => row.map((value) => (Number.isNaN(value) ? null : value))),
      );
      expect(record.rows[2].cells[0].text).toBe("未定义");
      expect(record.page).toBeGreaterThan(20);
    }
  });

  it("keeps the chunk and exact span of every cell", () => {
    for (const record of store.tables) {
      for (const cell of record.rows.flatMap((row) => row.cells)) {
        const text = chunks.find((candidate) => candidate.id === cell.chunkId)?.text ?? "";
        expect(text.slice(cell.start, cell.start + cell.text.length)).toBe(cell.text);
      }
      expect(chunks.some((candidate) => candidate.id === record.chunkId)).toBe(true);
    }
  });

  it("reads a table continued over two passages as one, with years as columns and breakdown rows", () => {
    const record = table("表 2016-2019 年体面劳动指标的主要趋势(百分比)");
    expect(record.columns).toEqual(["2016", "2017", "2018", "2019"]);
    expect(record.unit).toBe("%");
    const read = values(record);
    expect(read.就业人口比).toEqual([57.7, 57.6, 57.6, 57.4]);
    expect(read["就业人口比/女性"]).toEqual([44.8, 44.8, 44.8, 44.6]);
    expect(read["在职贫困率低于国际贫困线的就业人口比例/男性"]).toEqual([8.0, 7.6, 7.2, 6.9]);
    expect(read["失业率/青年"]).toEqual([13.8, 13.7, 13.5, 13.6]);
    expect(read["未接受教育、培训或无就业的青年/男性"]).toEqual([12.0, 13.2, 13.5, 13.8]);
    expect(read.担任管理职务的妇女比例).toEqual([27.4, 27.6, 27.8, 27.9]);
    expect(read["社会保护底线/制度覆盖的人口比例"]).toEqual([45.2, null, null, 49.1]);
    expect(record.rows).toHaveLength(16);
  });

  it("reads a chart's label/value pairs as a table of one column", () => {
    expect(values(table("图 I.1"))).toMatchObject({ 就业政策: [21], 非洲地区计划: [21], 其他: [6] });
    expect(values(table("图 I.10"))).toMatchObject({ 工人活动局: [26], 其他: [1] });
    expect(table("图 I.9")).toMatchObject({ unit: "%", columns: ["各项占比"] });
  });

  it("reads cells apart by | as text cells under their headings, short rows aligned on the right", () => {
    const c3 = table("表 指标 C.3");
    expect(c3).toMatchObject({ labelColumn: "成功标准", columns: ["目标", "成果"] });
    expect(c3.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual([
      ["45% 达成。比例为 45%。"],
      ["15% 未达成。比例为 10%。"],
    ]);
    expect(table("表 指标 A.1").rows.length).toBeGreaterThanOrEqual(7);
  });

  it("reads a table written by hand in a passage of its own", () => {
    const text = "预算表（百万美元）\n资金来源 预算(百万美元) 支出(百万美元)\n经常预算 1.5 2.5\n合计 1.5 –\n";
    const [record] = extractTables([chunk("only#1", text, ["第二部分", "预算和支出"], "表 预算")]).tables;
    expect(record).toMatchObject({
      chunkId: "only#1",
      caption: "表 预算",
      columns: ["预算", "支出"],
      unit: "百万美元",
    });
    expect(record.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual([
      [1.5, 2.5],
      [1.5, null],
    ]);
  });

  it("leaves a passage of one row out: it is no table", () => {
    expect(extractTables([chunk("broken#1", "资金来源 预算 支出\n经常预算 56.8 57.0\n")]).tables).toEqual([]);
  });
});

describe("figures stated in running text", () => {
  it("finds number-and-unit figures with their sentence and exact span", () => {
    const expected = ["12.705", "12.777", "7.91", "9.833", "844", "2,740", "3,650", "2.674"];
    for (const value of expected) {
      const figure = extraction.figures.find((candidate) => candidate.value === value);
      expect(figure, value).toBeDefined();
      const text = chunks.find((candidate) => candidate.id === figure?.chunkId)?.text ?? "";
      expect(text.slice(figure?.start, (figure?.start ?? 0) + (figure?.span.length ?? 0))).toBe(figure?.span);
    }
    const budget = extraction.figures.find((figure) => figure.value === "12.705");
    expect(budget).toMatchObject({ unit: "亿美元" });
    expect(budget?.sentence).toContain("两年期预算总额为 12.705 亿美元");
  });

  it("leaves table cells and chart residue out", () => {
    expect(extraction.figures.some((figure) => figure.value === "267.4")).toBe(false);
  });
});

describe("TableStore", () => {
  it("lists, gets and finds figures by words and by substring", () => {
    expect(store.list()[1]).toEqual({
      id: "table-2",
      caption: "表 成果目标 1 资金来源",
      section: expect.stringContaining("成果目标 1"),
      kind: "layout",
      unit: "百万美元",
      rows: 4,
      chunkId: expect.any(String),
      page: 26,
      document: "ilo-pir-2018-19.zh.txt",
    });
    expect(store.get("nope")).toBeUndefined();
    expect(store.findFigures("12.705")[0]?.value).toBe("12.705");
    expect(store.findFigures("自愿捐款 7.91 亿美元").map((figure) => figure.value)).toContain("7.91");
  });

  it("round-trips through tables.json and rejects a corrupted file", () => {
    const loaded = loadTables(serializeTables(extraction));
    expect(loaded.tables).toEqual(extraction.tables);
    expect(loaded.figures).toEqual(extraction.figures);
    expect(() => loadTables("{")).toThrow(IndexError);
    expect(() => loadTables(JSON.stringify({ version: 99, tables: [] }))).toThrow(IndexError);
  });

  it("writes CSV with quoting", () => {
    const csv = tableToCsv(table("表 2016-2019 年体面劳动指标的主要趋势(百分比)"));
    expect(csv.split("\r\n")[1]).toBe("就业人口比(15 岁及以上)，按性别分列,,57.7,57.6,57.6,57.4");
    expect(csv).toContain("女性,就业人口比,44.8,44.8,44.8,44.6");
    const funding = table("表 成果目标 1 资金来源");
    const quoted = { ...funding, rows: [{ label: 'a "b", c', name: "a", cells: [] }] };
    expect(tableToCsv(quoted).split("\r\n")[1]).toBe('"a ""b"", c"');
    expect(tableToCsv(funding)).toContain("经常预算补充账户,,8.2");
  });
});
