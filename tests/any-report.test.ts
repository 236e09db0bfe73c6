/**
 * Reports the engine was not built for, each ingested alone (its own corpus and index folders):
 * a Chinese text written one paragraph a line, an English text, and a Chinese PDF with tables.
 * The tests ask what a user sees: the sections and tables found, the pages of a PDF's passages,
 * answers with citations naming document and page, the refusal and the page naming the report.
 */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createLogger } from "../src/logger.js";
import type { IndexManifest } from "../src/retrieval/index-manifest.js";
import { type RunningServer, startServer } from "../src/server.js";
import type { TableSummary } from "../src/tables/table-store.js";
import type { ChatResponse, SearchResult } from "../src/types.js";
import { answerOf } from "./helpers/answer-of.js";

interface ReportServer {
  url: string;
  server: RunningServer;
  manifest: IndexManifest;
  sections: string[];
  workDir: string;
}

const FIXTURES = path.resolve("tests", "fixtures", "reports");

/** The reports of fixture folders, alone in a temporary corpus, indexed and served on an ephemeral port. */
async function serveReports(reports: Array<{ folder: string; file: string }>): Promise<ReportServer> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-any-report-"));
  const corpusDir = path.join(workDir, "corpus");
  await mkdir(corpusDir);
  for (const { folder, file } of reports) {
    await copyFile(path.join(FIXTURES, folder, file), path.join(corpusDir, file));
  }
  const config = loadConfig(
    {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(workDir, "index"),
      WEB_ASSETS_DIR: path.join(workDir, "web"),
      LOG_LEVEL: "silent",
      PORT: "0",
      HOST: "127.0.0.1",
    },
    process.cwd(),
  );
  const server = await startServer(config, createLogger({ level: "silent" }));
  await server.ready;
  const index = server.runtime.ready().index;
  return {
    url: server.url,
    server,
    manifest: index.manifest,
    sections: [...new Set(index.chunks.map((chunk) => chunk.section))],
    workDir,
  };
}

function serveReport(folder: string, file: string): Promise<ReportServer> {
  return serveReports([{ folder, file }]);
}

async function stop(report: ReportServer | undefined): Promise<void> {
  if (!report) return;
  await report.server.close();
  await rm(report.workDir, { recursive: true, force: true });
}

async function ask(report: ReportServer, question: string): Promise<ChatResponse> {
  return answerOf(report.url, { question });
}

async function search(report: ReportServer, query: string, k = 10): Promise<SearchResult[]> {
  const response = await fetch(`${report.url}/api/search?k=${k}&q=${encodeURIComponent(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: SearchResult[] }).results;
}

async function pageHtml(report: ReportServer, language: "zh" | "en"): Promise<string> {
  const response = await fetch(`${report.url}/?lang=${language}`);
  expect(response.status).toBe(200);
  return response.text();
}

describe("a Chinese report written one paragraph a line (2018 政府工作报告)", () => {
  let report: ReportServer | undefined;
  beforeAll(async () => {
    report = await serveReport("gwr-2018-zh", "report.txt");
  });
  afterAll(() => stop(report));

  it("finds its sections: 一、 parts and the （一） headings run into their paragraphs", () => {
    const sections = report?.sections ?? [];
    expect(sections).toContain("一、过去五年工作回顾");
    expect(sections).toContain("三、对2018年政府工作的建议 > （一）深入推进供给侧结构性改革");
    expect(sections).toContain("三、对2018年政府工作的建议 > （九）提高保障和改善民生水平");
    expect(sections.length).toBeGreaterThanOrEqual(15);
  });

  it("names the report in its manifest, its page title and its refusal", async () => {
    if (!report) throw new Error("no server");
    expect(report.manifest.documents).toEqual([
      { id: "report.txt", title: "2018政府工作报告", language: "zh", format: "text" },
    ]);
    expect(await pageHtml(report, "zh")).toContain("<title>报告问答 · 2018政府工作报告</title>");
    const refusal = await ask(report, "南极企鹅的数量是多少？");
    expect(refusal.found).toBe(false);
    expect(refusal.answer).toContain("这是《政府工作报告》。本报告涵盖：");
    expect(refusal.answer).toContain("过去五年工作回顾");
    expect(refusal.answer).not.toMatch(/劳工|成果目标|ILO/u);
  });

  it("answers from the report's own sentence and cites its document", async () => {
    if (!report) throw new Error("no server");
    const answer = await ask(report, "居民消费价格涨幅的预期目标是多少？");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("3%左右");
    expect(answer.citations[0]).toMatchObject({ document: "report.txt", documentTitle: "2018政府工作报告" });
    expect(answer.citations[0].section).toBe("二、2018年经济社会发展总体要求和政策取向");
  });
});

describe("an English report (Report on the Work of the Government 2019)", () => {
  let report: ReportServer | undefined;
  beforeAll(async () => {
    report = await serveReport("gwr-2019-en", "report.txt");
  });
  afterAll(() => stop(report));

  it("finds its Roman-numbered parts and cuts passages at sentence ends", async () => {
    if (!report) throw new Error("no server");
    expect(report.sections).toContain("I. 2018 in Review");
    expect(report.sections).toContain("III. Tasks for 2019");
    const results = await search(report, "consumer prices rose", 5);
    for (const result of results) {
      const body = result.text.split("\n").slice(1).join(" ").trim();
      // Every passage ends at the end of a sentence (or of a heading line), never mid-word.
      expect(body).toMatch(/[.;:!?"”)]$|^$/u);
    }
  });

  it("answers an English question in English, quoting the report directly", async () => {
    if (!report) throw new Error("no server");
    const answer = await ask(report, "How much did consumer prices rise?");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("Consumer prices rose by 2.1 percent.");
    expect(answer.answer).not.toMatch(/in Chinese|\p{Script=Han}/u);
    expect(answer.citations[0]).toMatchObject({
      document: "report.txt",
      documentTitle: "Report on the Work of the Government",
    });
  });

  it("reads the year a numbered heading names as the year of the passages under it", async () => {
    if (!report) throw new Error("no server");
    // "I. 2018 in Review" heads the sentence; the sentence itself names no year.
    const answer = await ask(report, "By how much did consumer prices rise in 2018?");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("Consumer prices rose by 2.1 percent.");
    expect(answer.citations[0].section).toBe("I. 2018 in Review");
  });

  it("refuses in English, naming the report", async () => {
    if (!report) throw new Error("no server");
    const refusal = await ask(report, "What does the report say about penguins in Antarctica?");
    expect(refusal.found).toBe(false);
    expect(refusal.answer).toMatch(/^The report does not say\. Report on the Work of the Government covers: /u);
    expect(refusal.answer).not.toMatch(/ILO|biennium|\d/u);
    expect(await pageHtml(report, "en")).toContain(
      "<title>Ask the report · Report on the Work of the Government</title>",
    );
  });
});

describe("a Chinese PDF with tables (淮安市 2024 年政府信息公开工作年度报告)", () => {
  let report: ReportServer | undefined;
  beforeAll(async () => {
    report = await serveReport("huaian-gov-info-2024", "report.pdf");
  });
  afterAll(() => stop(report));

  it("lists the PDF with its pages in the manifest", () => {
    expect(report?.manifest.documents).toEqual([
      {
        id: "report.pdf",
        title: "淮安市人民政府 2024 年政府信息公开工作年度报告",
        language: "zh",
        format: "pdf",
        pages: 6,
      },
    ]);
  });

  it("gives every passage its true page and drops the running page footers", async () => {
    if (!report) throw new Error("no server");
    const index = report.server.runtime.ready().index;
    expect(index.chunks.length).toBeGreaterThan(10);
    for (const chunk of index.chunks) {
      expect(chunk.page).toBeGreaterThanOrEqual(1);
      expect(chunk.page).toBeLessThanOrEqual(6);
      expect(chunk.text).not.toMatch(/-\s*\d\s*-/u);
    }
    const pageOf = (text: string) => index.chunks.find((chunk) => chunk.text.includes(text))?.page;
    expect(pageOf("全市共受理政府信息公开申请 3119 件")).toBe(2);
    expect(pageOf("（五）政府信息公开监督保障情况")).toBe(3);
    expect(pageOf("全年收取政府信息公开信息处理费 3940 元")).toBe(6);
    // A sentence a line break split on the page is one sentence again.
    expect(pageOf("市政府网站主动公开各类政府信息 5500 余条")).toBe(1);
  });

  it("finds its sections, including headings run into their paragraphs", () => {
    expect(report?.sections).toEqual(
      expect.arrayContaining([
        "一、总体情况 > （二）依申请公开情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
      ]),
    );
  });

  it("serves its numeric tables with their pages", async () => {
    if (!report) throw new Error("no server");
    const response = await fetch(`${report.url}/api/tables`);
    const { tables } = (await response.json()) as { tables: TableSummary[] };
    const layout = tables.filter((table) => table.kind === "layout");
    expect(layout.length).toBeGreaterThanOrEqual(2);
    for (const table of layout) {
      expect(table.document).toBe("report.pdf");
      expect(table.page).toBeGreaterThanOrEqual(3);
      expect(table.page).toBeLessThanOrEqual(5);
    }
    const first = await (await fetch(`${report.url}/api/tables/${layout[0].id}`)).json();
    expect(first.rows.map((row: { label: string }) => row.label)).toContain("规章");
    const regulations = first.rows.find((row: { label: string }) => row.label === "规章");
    expect(regulations.cells.map((cell: { value: number }) => cell.value)).toEqual([1, 0, 11]);
  });

  it("answers with a citation naming the PDF and the page", async () => {
    if (!report) throw new Error("no server");
    const answer = await ask(report, "全市共受理政府信息公开申请多少件？");
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("3119 件");
    expect(answer.citations[0]).toMatchObject({ document: "report.pdf", page: 2 });
    const refusal = await ask(report, "全年收到多少起火星移民申请？");
    expect(refusal.found).toBe(false);
    expect(refusal.answer).toContain("这是《淮安市人民政府政府信息公开工作年度报告》。本报告涵盖：总体情况");
  });
});

describe("two reports in one corpus", () => {
  let report: ReportServer | undefined;
  beforeAll(async () => {
    report = await serveReports([
      { folder: "gwr-2019-en", file: "report.txt" },
      { folder: "huaian-gov-info-2024", file: "report.pdf" },
    ]);
  });
  afterAll(() => stop(report));

  it("lists both documents in the manifest", () => {
    expect(report?.manifest.documents.map((document) => [document.id, document.format])).toEqual([
      ["report.pdf", "pdf"],
      ["report.txt", "text"],
    ]);
  });

  it("cites the document, and the page of the PDF, each answer comes from", async () => {
    if (!report) throw new Error("no server");
    const english = await ask(report, "How much did consumer prices rise?");
    expect(english.citations[0]).toMatchObject({ document: "report.txt" });
    const chinese = await ask(report, "全市共受理政府信息公开申请多少件？");
    expect(chinese.citations[0]).toMatchObject({ document: "report.pdf", page: 2 });
    const results = await search(report, "政府信息公开申请", 5);
    expect(results.every((result) => result.document === "report.pdf" && result.page !== undefined)).toBe(true);
  });
});
