/**
 * Questions over tables answered by a real listening server from the cells of tables found by
 * their layout: a Chinese PDF report served alone (its own corpus and index), and the flagship
 * report with English questions. What a user sees is asserted: the value, the arithmetic, the
 * table's passage cited with its document and page, English fixed words, and every figure the
 * answer states verified or derived by the figure check.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TableRecord } from "../src/tables/table-record.js";
import type { TableSummary } from "../src/tables/table-store.js";
import type { ChatResponse } from "../src/types.js";
import { checkFigures } from "../src/verify/check-figures.js";
import type { TableCellFact } from "../src/verify/table-cell-fact.js";
import { answerOf } from "./helpers/answer-of.js";
import { type FixtureReportServer, serveFixtureReports } from "./helpers/serve-fixture-reports.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

interface TableQuestion {
  id: string;
  lang: "zh" | "en";
  question: string;
  must: string[][];
}

function questionsOf(file: string): TableQuestion[] {
  return readFileSync(path.resolve("tests", file), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TableQuestion);
}

function compact(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

function holdsAll(answer: string, must: string[][]): boolean {
  return must.every((group) => group.some((alternative) => compact(answer).includes(compact(alternative))));
}

async function ask(url: string, question: string): Promise<ChatResponse> {
  return answerOf(url, { question });
}

/** The numeric cells of every table the server serves, as the figure check reads them, by chunk. */
async function servedCells(url: string): Promise<Map<string, TableCellFact[]>> {
  const { tables } = (await (await fetch(`${url}/api/tables`)).json()) as { tables: TableSummary[] };
  const byChunk = new Map<string, TableCellFact[]>();
  for (const summary of tables) {
    const table = (await (await fetch(`${url}/api/tables/${summary.id}`)).json()) as TableRecord;
    for (const row of table.rows) {
      row.cells.forEach((cell, position) => {
        if (typeof cell.value !== "number") return;
        const column = table.columns[position + table.columns.length - row.cells.length] ?? "";
        const fact = { caption: table.caption, row: row.label, column, unit: table.unit, ...cell };
        byChunk.set(cell.chunkId, [...(byChunk.get(cell.chunkId) ?? []), fact]);
      });
    }
  }
  return byChunk;
}

/** The statuses the figure check gives the numbers of an answer, over the passages it cites. */
function checkedStatuses(answer: ChatResponse, cells: Map<string, TableCellFact[]>): string[] {
  const check = checkFigures(answer.answer, answer.citations, { cellsOfChunk: (id) => cells.get(id) ?? [] });
  return check.figures.map((figure) => figure.status ?? "unverified");
}

describe("tables of a Chinese PDF report (淮安市政府信息公开工作年度报告)", () => {
  let server: FixtureReportServer;
  let cells: Map<string, TableCellFact[]>;

  beforeAll(async () => {
    server = await serveFixtureReports(["huaian-gov-info-2024/report.pdf"]);
    cells = await servedCells(server.url);
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it("serves the table of documents with its column headings read from the PDF's text positions", async () => {
    const { tables } = (await (await fetch(`${server.url}/api/tables`)).json()) as { tables: TableSummary[] };
    const summary = tables.find((table) => table.caption.includes("主动公开政府信息情况"));
    expect(summary).toMatchObject({ document: "report.pdf", page: 3 });
    const table = (await (await fetch(`${server.url}/api/tables/${summary?.id}`)).json()) as TableRecord;
    expect(table.columns).toEqual(["本年制发件数", "本年废止件数", "现行有效件数"]);
    expect(table.rows.map((row) => [row.label, ...row.cells.map((cell) => cell.value)])).toEqual([
      ["规章", 1, 0, 11],
      ["行政规范性文件", 8, 26, 66],
    ]);
  });

  it("answers its table questions from the cells, citing the table's page, every figure checked", async () => {
    const questions = questionsOf("table-questions-huaian.jsonl");
    let right = 0;
    for (const question of questions) {
      const answer = await ask(server.url, question.question);
      if (!answer.found || !answer.table || !holdsAll(answer.answer, question.must)) continue;
      expect(answer.citations[0]).toMatchObject({ document: "report.pdf" });
      expect(answer.citations[0].page).toBeGreaterThanOrEqual(3);
      expect(checkedStatuses(answer, cells).every((status) => status === "verified" || status === "derived")).toBe(
        true,
      );
      right += 1;
    }
    expect(right).toBe(questions.length);
  });

  it("shows the arithmetic of a difference and a sum, and names the row a ranking puts first", async () => {
    const difference = await ask(server.url, "行政规范性文件本年废止件数比本年制发件数多多少？");
    expect(difference.answer).toContain("26 − 8 = 18");
    expect(difference.figures.find((figure) => figure.status === "derived")).toMatchObject({
      value: "18",
      derivation: "26 − 8 = 18",
    });
    const sum = await ask(server.url, "行政规范性文件和规章的现行有效件数加起来是多少？");
    expect(sum.answer).toContain("66 + 11 = 77");
    const ranking = await ask(server.url, "哪类文件的现行有效件数最多？");
    expect(ranking.answer).toMatch(/最高的是 行政规范性文件为 66\[1\]/u);
    expect(ranking.table?.chart?.type).toBe("bar");
  });
});

describe("tables of the flagship report through the server", () => {
  let server: TestServer;
  let cells: Map<string, TableCellFact[]>;

  beforeAll(async () => {
    server = await startTestServer();
    cells = await servedCells(server.url);
  });

  afterAll(async () => {
    await server?.close();
  });

  it("answers English questions with English fixed words and the report's English names", async () => {
    const value = await ask(server.url, "How much was actually spent on outcome 2 in total?");
    expect(value.answer).toBe(
      "Table 成果目标 2 资金来源: Total (合计), actual expenditure (实际支出): 87.7 US$ million[1].",
    );
    const ranking = await ask(server.url, "Which outcome had the highest regular budget expenditure?");
    expect(ranking.answer).toMatch(/^Regular budget \(经常预算\) actual expenditure \(实际支出\), highest: /u);
    expect(ranking.answer).toContain("highest: outcome 1 (成果目标 1): 104.8 US$ million[1]; then outcome 10");
    const change = await ask(server.url, "How did the unemployment rate change between 2016 and 2019?");
    expect(change.answer).toContain("Change 2016–2019: 5.4 − 5.7 = −0.3 percentage points[1]");
    for (const answer of [value, ranking, change])
      expect(checkedStatuses(answer, cells).every((status) => status === "verified" || status === "derived")).toBe(
        true,
      );
  });

  it("answers a share of a total from two cells, with the division shown", async () => {
    const share = await ask(server.url, "成果目标2的经常预算实际支出占合计的比例是多少？");
    expect(share.answer).toContain("59.2 / 87.7 = 67.5%");
    expect(share.figures.find((figure) => figure.status === "derived")).toMatchObject({ value: "67.5", unit: "%" });
  });

  it("answers at least 49 of its 50 own table questions through the server", async () => {
    let right = 0;
    const questions = questionsOf("table-questions.jsonl");
    for (const question of questions) {
      const answer = await ask(server.url, question.question);
      if (answer.found && holdsAll(answer.answer, question.must)) right += 1;
    }
    expect(right).toBeGreaterThanOrEqual(49);
  });
});
