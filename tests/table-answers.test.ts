import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ingestCorpus } from "../src/ingest/ingest-report.js";
import { loadCorpus } from "../src/ingest/load-corpus.js";
import { deriveProfile } from "../src/profile/derive-profile.js";
import { createTermTranslator } from "../src/profile/term-translator.js";
import { type AnswerFromTablesOptions, answerFromTables } from "../src/tables/answer-from-tables.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { figureAccuracy, parseQuestionSet } from "../src/tables/figure-accuracy.js";
import { formatResult, showDifference, showPercentChange, showSum } from "../src/tables/table-answer.js";
import { TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

const corpusDirectory = fileURLToPath(new URL("../corpus", import.meta.url));

let chunks: Chunk[];
let store: TableStore;
let pairs: Array<{ en: string; zh: string }>;

beforeAll(async () => {
  const report = await ingestCorpus(await loadCorpus(corpusDirectory));
  chunks = report.chunks;
  store = TableStore.fromExtraction(extractTables(chunks));
  const documents = report.documents.map(({ document, report: read }) => ({
    document,
    chunks: read.chunks,
    sections: read.sections,
  }));
  pairs = deriveProfile(documents).bilingualPairs;
});

/** The report's tables answer, with its own bilingual pairs as the server gives them. */
function ask(question: string, options: AnswerFromTablesOptions = {}) {
  return answerFromTables(question, store, {
    translateTerms: createTermTranslator(pairs),
    bilingualPairs: pairs,
    ...options,
  });
}

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
  it("finds every table of the report by its layout", () => {
    const captions = store.tables.map((table) => table.caption);
    expect(captions.filter((caption) => /^表 成果目标 \d+ 资金来源$/u.test(caption))).toHaveLength(10);
    expect(captions.filter((caption) => /^图 I\.\d+$/u.test(caption))).toHaveLength(10);
    expect(captions.filter((caption) => /^表 指标 [A-C]\.\d$/u.test(caption))).toHaveLength(13);
    expect(store.tables.find((table) => table.caption.includes("体面劳动指标"))?.rows).toHaveLength(16);
  });
});

describe("answerFromTables", () => {
  it("answers a difference with the arithmetic and cites the table", () => {
    const answer = ask("成果目标1的预算外支出比战略预算高出多少？");
    expect(answer?.text).toContain("154.4 − 131.0 = 23.4");
    expect(answer?.text).toContain("[1]");
    expect(chunkText(answer?.citedChunkIds[0] ?? "")).toContain("154.4");
    const derived = answer?.figures.find((figure) => figure.derivation);
    expect(derived).toMatchObject({ value: "23.4", unit: "百万美元", citation: 1 });
  });

  it("traces every stated cell to its exact span in the cited chunk", () => {
    const answer = ask("成果目标3的实际支出是多少？");
    expect(answer).not.toBeNull();
    for (const figure of answer?.figures ?? []) {
      if (!figure.source) continue;
      const text = chunkText(answer?.citedChunkIds[figure.source.citation - 1] ?? "");
      expect(text.slice(figure.source.start, figure.source.start + figure.source.span.length)).toBe(figure.source.span);
    }
  });

  it("says not defined, never zero, for an undefined cell", () => {
    const answer = ask("成果目标10的经常预算补充账户战略预算是多少？");
    expect(answer?.text).toContain("未定义");
    expect(answer?.text).not.toMatch(/为 0(?![.\d])/u);
    expect(answer?.table.rows[0]).toEqual(["经常预算补充账户", null, 1.5]);
    expect(answer?.table.columns).toEqual(["资金来源", "战略预算", "实际支出"]);
    const english = ask("What was the RBSA strategic budget for outcome 10?");
    expect(english?.text).toContain("not defined");
  });

  it("refuses to compute a difference against an undefined budget", () => {
    const answer = ask("成果目标1的经常预算补充账户实际支出比战略预算高出多少？");
    expect(answer?.text).toContain("无法计算");
    expect(answer?.figures.some((figure) => figure.derivation)).toBe(false);
  });

  it("draws a bar chart for a ranking and a line chart for a series", () => {
    const ranking = ask("哪个成果目标的实际支出最高？");
    expect(ranking?.table.chart?.type).toBe("bar");
    expect(ranking?.table.chart?.labels[0]).toBe("成果目标 1");
    expect(ranking?.citedChunkIds.length).toBeGreaterThanOrEqual(1);
    const series = ask("就业人口比2016到2019年怎么变化？");
    expect(series?.table.chart).toMatchObject({ type: "line", labels: ["2016", "2017", "2018", "2019"] });
  });

  it("answers in the question's language, with English fixed words and the report's English names", () => {
    const pairs = [
      { en: "actual expenditure", zh: "实际支出" },
      { en: "outcome 3", zh: "成果目标3" },
      { en: "outcome", zh: "成果目标" },
    ];
    const english = answerFromTables("What was the actual expenditure on outcome 3?", store, {
      translateTerms: createTermTranslator(pairs),
      bilingualPairs: pairs,
    });
    expect(english?.text).toBe(
      "Table 成果目标 3 资金来源: Total (合计), actual expenditure (实际支出): 57.2 US$ million[1].",
    );
    expect(ask("成果目标3的实际支出是多少？", { lang: "en" })?.text).toMatch(/^Table 成果目标 3/u);
    const difference = ask("成果目标1的预算外支出比战略预算高出多少？", { lang: "en" });
    expect(difference?.text).toContain("Difference: 154.4 − 131.0 = 23.4 US$ million");
  });

  it("returns null for questions the tables do not cover", () => {
    for (const question of [
      "百年宣言是什么时候通过的？",
      "成果目标 3 下有哪些国家取得了成果？",
      "劳工组织如何支持越南？",
      "What is the Centenary Declaration?",
    ]) {
      expect(ask(question, { statedFigures: false })).toBeNull();
    }
  });

  it("answers at least 95% of its own table questions with the right value and table", async () => {
    const questions = parseQuestionSet(
      readFileSync(fileURLToPath(new URL("./table-questions.jsonl", import.meta.url)), "utf8"),
    );
    expect(questions.length).toBeGreaterThanOrEqual(40);
    const result = await figureAccuracy(questions, (question) => {
      const answer = ask(question.question, { lang: question.lang });
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
