import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { answerFromTables } from "../src/tables/answer-from-tables.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { figureAccuracy, parseQuestionSet } from "../src/tables/figure-accuracy.js";
import { formatResult, showDifference, showPercentChange, showSum } from "../src/tables/table-answer.js";
import { TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

const corpusDirectory = fileURLToPath(new URL("../corpus", import.meta.url));
const corpusPath = fileURLToPath(new URL("../corpus/ilo-pir-2018-19.zh.txt", import.meta.url));
const ingestPath = fileURLToPath(new URL("../src/ingest/ingest-report.ts", import.meta.url));
const loadCorpusPath = fileURLToPath(new URL("../src/ingest/load-corpus.ts", import.meta.url));

interface IngestModules {
  ingest: { ingestCorpus: (documents: unknown[]) => Promise<{ chunks: Chunk[] }> };
  corpus: { loadCorpus: (directory: string) => Promise<unknown[]> };
}

/** The report's chunks as the ingester cuts them; paragraph blocks of the raw text without it. */
async function reportChunks(): Promise<Chunk[]> {
  const text = readFileSync(corpusPath, "utf8");
  if (existsSync(ingestPath) && existsSync(loadCorpusPath)) {
    const modules: IngestModules = { ingest: await import(ingestPath), corpus: await import(loadCorpusPath) };
    return (await modules.ingest.ingestCorpus(await modules.corpus.loadCorpus(corpusDirectory))).chunks;
  }
  const blocks = text.split(/\n(?=\s*\n)/u);
  const chunks: Chunk[] = [];
  let current = "";
  for (const block of blocks) {
    current += `${block}\n`;
    if (current.length > 1500) {
      chunks.push({
        id: `raw#${chunks.length}`,
        text: current,
        sectionPath: [],
        section: "",
        kind: "text",
        source: "ilo-pir-2018-19.zh.txt",
      });
      current = "";
    }
  }
  chunks.push({
    id: `raw#${chunks.length}`,
    text: current,
    sectionPath: [],
    section: "",
    kind: "text",
    source: "ilo-pir-2018-19.zh.txt",
  });
  return chunks;
}

let chunks: Chunk[];
let store: TableStore;

beforeAll(async () => {
  chunks = await reportChunks();
  store = TableStore.fromExtraction(extractTables(chunks));
});

function chunkText(id: string): string {
  return chunks.find((chunk) => chunk.id === id)?.text ?? "";
}

describe("arithmetic shown in answers", () => {
  it("subtracts with a true minus sign and the operands' precision", () => {
    expect(showDifference("154.4", "131.0")).toMatchObject({ text: "23.4", shown: "154.4 − 131.0 = 23.4" });
    expect(showDifference("57.4", "57.7").shown).toBe("57.4 − 57.7 = −0.3");
    expect(showDifference("2.0", "2.0").text).toBe("0.0");
  });

  it("adds and computes percentage changes", () => {
    expect(showSum(["267.4", "87.7"]).shown).toBe("267.4 + 87.7 = 355.1");
    expect(showPercentChange("233.2", "267.4")?.text).toBe("14.7");
    expect(formatResult(1 / 3, ["1.25"])).toBe("0.33");
  });
});

describe("tables read from the ingested chunks", () => {
  it("finds every table of the report", () => {
    expect(store.ofKind("funding")).toHaveLength(10);
    expect(store.ofKind("shares")).toHaveLength(10);
    expect(store.get("indicator-trends-2016-2019")?.rows).toHaveLength(16);
    expect(store.ofKind("indicator-results")).toHaveLength(13);
  });
});

describe("answerFromTables", () => {
  it("answers a difference with the arithmetic and cites the table", () => {
    const answer = answerFromTables("成果目标1的预算外支出比战略预算高出多少？", store);
    expect(answer?.text).toContain("154.4 − 131.0 = 23.4");
    expect(answer?.text).toContain("[1]");
    expect(chunkText(answer?.citedChunkIds[0] ?? "")).toContain("154.4");
    const derived = answer?.figures.find((figure) => figure.derivation);
    expect(derived).toMatchObject({ value: "23.4", unit: "百万美元", citation: 1 });
  });

  it("traces every stated cell to its exact span in the cited chunk", () => {
    const answer = answerFromTables("成果目标3的实际支出是多少？", store);
    expect(answer).not.toBeNull();
    for (const figure of answer?.figures ?? []) {
      if (!figure.source) continue;
      const text = chunkText(answer?.citedChunkIds[figure.source.citation - 1] ?? "");
      expect(text.slice(figure.source.start, figure.source.start + figure.source.span.length)).toBe(figure.source.span);
    }
  });

  it("says not defined, never zero, for an undefined cell", () => {
    const answer = answerFromTables("成果目标10的经常预算补充账户战略预算是多少？", store);
    expect(answer?.text).toContain("未定义");
    expect(answer?.text).not.toMatch(/为 0(?![.\d])/u);
    expect(answer?.table.rows[0]).toEqual(["经常预算补充账户", null, 1.5]);
    const english = answerFromTables("What was the RBSA strategic budget for outcome 10?", store);
    expect(english?.text).toContain("not defined");
  });

  it("refuses to compute a difference against an undefined budget", () => {
    const answer = answerFromTables("成果目标1的经常预算补充账户实际支出比战略预算高出多少？", store);
    expect(answer?.text).toContain("无法计算");
    expect(answer?.figures.some((figure) => figure.derivation)).toBe(false);
  });

  it("draws a bar chart for a ranking and a line chart for a series", () => {
    const ranking = answerFromTables("哪个成果目标的实际支出最高？", store);
    expect(ranking?.table.chart?.type).toBe("bar");
    expect(ranking?.table.chart?.labels[0]).toBe("成果目标 1");
    expect(ranking?.citedChunkIds.length).toBeGreaterThanOrEqual(1);
    const series = answerFromTables("就业人口比2016到2019年怎么变化？", store);
    expect(series?.table.chart).toMatchObject({ type: "line", labels: ["2016", "2017", "2018", "2019"] });
  });

  it("answers in the question's language", () => {
    expect(answerFromTables("What was the actual expenditure on outcome 3?", store)?.text).toMatch(/^For outcome 3/u);
    expect(answerFromTables("成果目标3的实际支出是多少？", store, { lang: "en" })?.text).toMatch(/^For outcome 3/u);
  });

  it("returns null for questions the tables do not cover", () => {
    for (const question of [
      "百年宣言是什么时候通过的？",
      "成果目标 3 下有哪些国家取得了成果？",
      "劳工组织如何支持越南？",
      "What is the Centenary Declaration?",
    ]) {
      expect(answerFromTables(question, store, { statedFigures: false })).toBeNull();
    }
  });

  it("answers at least 95% of its own table questions with the right value and table", async () => {
    const questions = parseQuestionSet(
      readFileSync(fileURLToPath(new URL("./table-questions.jsonl", import.meta.url)), "utf8"),
    );
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const result = await figureAccuracy(questions, (question) => {
      const answer = answerFromTables(question.question, store, { lang: question.lang });
      return answer ? { text: answer.text, citedTexts: answer.citedChunkIds.map(chunkText) } : null;
    });
    const failures = result.outcomes.filter((outcome) => !(outcome.rightValue && outcome.rightCitation));
    console.log(
      `table questions: ${result.correct}/${result.total} right (${(result.accuracy * 100).toFixed(1)}%)`,
      failures,
    );
    expect(result.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
