import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { IndexError } from "../src/errors.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { tableToCsv } from "../src/tables/table-csv.js";
import type { TableRecord } from "../src/tables/table-record.js";
import { loadTables, serializeTables, TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

const report = readFileSync(fileURLToPath(new URL("../corpus/ilo-pir-2018-19.zh.txt", import.meta.url)), "utf8");

function chunk(id: string, text: string, sectionPath: string[] = []): Chunk {
  return { id, text, sectionPath, section: sectionPath.join(" > "), kind: "table", source: "ilo-pir-2018-19.zh.txt" };
}

/** The report cut into chunks at blank lines every ~1,500 characters, so that tables cross chunks. */
function reportChunks(): Chunk[] {
  const chunks: Chunk[] = [];
  let current = "";
  for (const block of report.split(/\n(?=\s*\n)/u)) {
    current += `${block}\n`;
    if (current.length > 1500) {
      chunks.push({ ...chunk(`report#${chunks.length}`, current), kind: "text" });
      current = "";
    }
  }
  chunks.push({ ...chunk(`report#${chunks.length}`, current), kind: "text" });
  return chunks;
}

const chunks = reportChunks();
const extraction = extractTables(chunks);
const store = TableStore.fromExtraction(extraction);

function table(id: string): TableRecord {
  const found = store.get(id);
  if (!found) throw new Error(`no table ${id}`);
  return found;
}

function values(record: TableRecord): Record<string, Array<number | string | null>> {
  return Object.fromEntries(
    record.rows.map((row) => [
      row.parent ? `${row.parent}/${row.label}` : row.name,
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

describe("funding tables", () => {
  it("reads all ten, one per policy outcome, with no problem reported", () => {
    expect(store.ofKind("funding").map((record) => record.outcome)).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
      "8",
      "9",
      "10",
    ]);
    expect(extraction.problems).toEqual([]);
  });

  it.each(Object.entries(FUNDING_BY_HAND))("matches outcome %s read by hand, 未定义 as null", (outcome, expected) => {
    const record = table(`funding-outcome-${outcome}`);
    expect(record).toMatchObject({ unit: "百万美元", columns: ["战略预算", "实际支出"], labelColumn: "资金来源" });
    expect(record.rows.map((row) => row.label)).toEqual(["经常预算", "预算外发展合作", "经常预算补充账户", "合计"]);
    expect(record.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual(
      expected.map((row) => row.map((value) => (Number.isNaN(value) ? null : value))),
    );
    expect(record.rows[2].cells[0].text).toBe("未定义");
  });

  it("keeps the chunk and exact span of every cell", () => {
    for (const record of store.tables) {
      for (const cell of record.rows.flatMap((row) => row.cells)) {
        const text = chunks.find((candidate) => candidate.id === cell.chunkId)?.text ?? "";
        if (typeof cell.value === "number")
          expect(text.slice(cell.start, cell.start + cell.text.length)).toBe(cell.text);
      }
      expect(chunks.some((candidate) => candidate.id === record.chunkId)).toBe(true);
    }
  });

  it("takes the outcome from the chunk's section path when the heading is not in its text", () => {
    const text = "资金来源 战略预算\n(百万美元)\n\n实际支出\n(百万美元)\n\n经常预算 1.5 2.5\n\n合计 1.5 2.5\n";
    const result = extractTables([chunk("only#1", text, ["第二部分", "成果目标 4：促进可持续企业", "预算和支出"])]);
    expect(result.tables[0]).toMatchObject({
      id: "funding-outcome-4",
      chunkId: "only#1",
      section: "第二部分 > 成果目标 4：促进可持续企业 > 预算和支出",
    });
  });

  it("reports a table it cannot read instead of guessing", () => {
    const text = "成果目标 2：国际劳工标准\n资金来源 战略预算\n(百万美元)\n\n实际支出\n(百万美元)\n\n经常预算 56.8\n";
    const result = extractTables([chunk("broken#1", text)]);
    expect(result.tables).toEqual([]);
    expect(result.problems).toEqual([expect.objectContaining({ kind: "funding", chunkId: "broken#1" })]);
  });
});

describe("decent-work indicator table", () => {
  it("reads indicators by year across the page break, with breakdown rows and dashes as null", () => {
    const record = table("indicator-trends-2016-2019");
    expect(record.columns).toEqual(["2016", "2017", "2018", "2019"]);
    expect(record.unit).toBe("%");
    expect(record.caption).toContain("2016-2019 年体面劳动指标的主要趋势");
    const read = values(record);
    expect(read.就业人口比).toEqual([57.7, 57.6, 57.6, 57.4]);
    expect(read["就业人口比/女性"]).toEqual([44.8, 44.8, 44.8, 44.6]);
    expect(read["在职贫困率/男性"]).toEqual([8.0, 7.6, 7.2, 6.9]);
    expect(read["失业率/青年(15-24 岁)"]).toEqual([13.8, 13.7, 13.5, 13.6]);
    expect(read["未接受教育、培训或无就业的青年/男性"]).toEqual([12.0, 13.2, 13.5, 13.8]);
    expect(read.担任管理职务的妇女比例).toEqual([27.4, 27.6, 27.8, 27.9]);
    expect(read["社会保护底线/制度覆盖的人口比例"]).toEqual([45.2, null, null, 49.1]);
    expect(record.rows).toHaveLength(16);
  });
});

describe("Appendix I shares", () => {
  it("matches the pies to their captions, each closed by 其他", () => {
    expect(store.ofKind("shares")).toHaveLength(10);
    expect(values(table("shares-outcome-1"))).toMatchObject({ 就业政策: [21], 非洲地区计划: [21], 其他: [6] });
    expect(values(table("shares-outcome-2"))).toMatchObject({ 国际劳工标准: [62], 工作条件和平等: [17] });
    expect(values(table("shares-outcome-3"))).toMatchObject({ 社会保护: [39], 企业: [5] });
    expect(values(table("shares-outcome-6"))).toMatchObject({ 社会保护: [2], 其他: [4] });
    expect(values(table("shares-outcome-9"))).toMatchObject({ 工作条件和平等: [36], 国际劳工标准: [2] });
    expect(values(table("shares-outcome-10"))).toMatchObject({ 工人活动局: [26], 其他: [1] });
    expect(table("shares-outcome-9").caption).toMatch(/^图 I\.9\./u);
  });
});

describe("Appendix II indicator results", () => {
  it("reads each indicator's rows of target, status and result", () => {
    const ids = store.ofKind("indicator-results").map((record) => record.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "indicator-results-A.1",
        "indicator-results-A.2",
        "indicator-results-B.5",
        "indicator-results-C.3",
        "indicator-results-C.5",
      ]),
    );
    const c3 = table("indicator-results-C.3");
    expect(c3.columns).toEqual(["目标", "达成情况", "成果"]);
    expect(c3.rows.map((row) => row.cells.map((cell) => cell.value))).toEqual([
      ["45%", "达成", "达成。比例为 45%。"],
      ["15%", "未达成", "未达成。比例为 10%。"],
    ]);
    const a2 = table("indicator-results-A.2");
    expect(a2.rows.map((row) => row.cells[1].value)).toEqual(["达成", "信息不足", "达成", "未达成"]);
    const c5 = table("indicator-results-C.5");
    expect(c5.rows[1]).toMatchObject({ label: "安装用水管理技术。" });
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
    expect(store.list()[0]).toEqual({
      id: "funding-outcome-1",
      caption: expect.any(String),
      section: expect.any(String),
      kind: "funding",
      unit: "百万美元",
      rows: 4,
      chunkId: expect.any(String),
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
    const csv = tableToCsv(table("indicator-trends-2016-2019"));
    expect(csv.split("\r\n")[0]).toBe("指标,上级指标,2016,2017,2018,2019");
    expect(csv).toContain("女性,就业人口比,44.8,44.8,44.8,44.6");
    const quoted = { ...table("funding-outcome-1"), rows: [{ label: 'a "b", c', name: "a", cells: [] }] };
    expect(tableToCsv(quoted).split("\r\n")[1]).toBe('"a ""b"", c"');
    expect(tableToCsv(table("funding-outcome-1"))).toContain("经常预算补充账户,,8.2");
  });
});
