import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import {
  ChunkerSettingsError,
  DEFAULT_CHUNKER_SETTINGS,
  type IngestedReport,
  type IngestProgress,
  ingestCorpus,
  ingestDocument,
} from "../src/ingest/ingest-report.js";
import { type CorpusDocument, loadCorpus } from "../src/ingest/load-corpus.js";
import type { ReportTable } from "../src/ingest/report-tables.js";
import { splitChineseText, splitTableRows } from "../src/ingest/split-into-chunks.js";
import type { Chunk } from "../src/types.js";

const corpusDir = path.resolve("corpus");
const excerptPath = path.resolve("tests/fixtures/report-excerpt.txt");
const OUTCOME_1 = "成果目标 1：为实现包容性增长创造更多更好的就业岗位及改善青年就业前景";
const CJK = "[\\u4E00-\\u9FFF]";

function withoutWhitespace(text: string): string {
  return text.replace(/\s+/gu, "");
}

function chunkHolding(chunks: Chunk[], fragment: string): Chunk {
  const chunk = chunks.find((candidate) => withoutWhitespace(candidate.text).includes(withoutWhitespace(fragment)));
  if (!chunk) throw new Error(`no chunk holds ${fragment}`);
  return chunk;
}

/** Rows of a table chunk: the lines after its title and header. */
function tableRows(chunk: Chunk): string[] {
  return chunk.text.split("\n").slice(2);
}

/** The chunk text without the heading line put in front of running text. */
function body(chunk: Chunk): string {
  return chunk.kind === "text" || chunk.kind === "box" ? chunk.text.slice(chunk.text.indexOf("\n") + 1) : chunk.text;
}

describe("splitChineseText", () => {
  it("cuts at Chinese sentence ends and keeps the punctuation with its sentence", async () => {
    const text =
      "劳工组织支出了 9.833 亿美元。其中，4.911 亿美元来自经常预算；4.696 " +
      "亿美元来自自愿捐款。\n\n自愿捐款支出占总支出的 50.1%！交付率为 99.1%。";
    expect(await splitChineseText(text, { chunkSize: 30, chunkOverlap: 0 })).toEqual([
      "劳工组织支出了 9.833 亿美元。",
      "其中，4.911 亿美元来自经常预算；",
      "4.696 亿美元来自自愿捐款。",
      "自愿捐款支出占总支出的 50.1%！交付率为 99.1%。",
    ]);
  });

  it("repeats whole sentences up to the overlap", async () => {
    const text = "第一句话。第二句话。第三句话。第四句话。";
    expect(await splitChineseText(text, { chunkSize: 12, chunkOverlap: 6 })).toEqual([
      "第一句话。第二句话。",
      "第二句话。第三句话。",
      "第三句话。第四句话。",
    ]);
    expect(await splitChineseText(text, { chunkSize: 12, chunkOverlap: 0 })).toEqual([
      "第一句话。第二句话。",
      "第三句话。第四句话。",
    ]);
  });

  it("rejects an overlap as long as the chunk with a typed error", async () => {
    await expect(splitChineseText("第一句。", { chunkSize: 100, chunkOverlap: 100 })).rejects.toBeInstanceOf(
      ChunkerSettingsError,
    );
    await expect(splitChineseText("第一句。", { chunkSize: 100, chunkOverlap: 150 })).rejects.toMatchObject({
      code: "chunker_settings_invalid",
      settings: { chunkSize: 100, chunkOverlap: 150 },
    });
    await expect(splitChineseText("第一句。", { chunkSize: 0, chunkOverlap: 0 })).rejects.toBeInstanceOf(
      ChunkerSettingsError,
    );
  });
});

describe("splitTableRows", () => {
  const table: ReportTable = {
    shape: "numeric",
    label: "表 成果目标 1 资金来源",
    title: "成果目标 1 预算和支出 资金来源表（百万美元）",
    header: "资金来源 战略预算(百万美元) 实际支出(百万美元)",
    rows: ["经常预算 102.2 104.8", "预算外发展合作 131.0 154.4", "经常预算补充账户 未定义 8.2", "合计 233.2 267.4"],
    rowSeparator: "\n",
  };
  const head = "成果目标 1 预算和支出 资金来源表（百万美元）\n资金来源 战略预算(百万美元) 实际支出(百万美元)";

  it("keeps a table that fits in one piece", () => {
    expect(splitTableRows(table, 420)).toEqual([`${head}\n${table.rows.join("\n")}`]);
  });

  it("splits only between rows and repeats the title and header on every piece", () => {
    expect(splitTableRows(table, 100)).toEqual([
      `${head}\n经常预算 102.2 104.8\n预算外发展合作 131.0 154.4`,
      `${head}\n经常预算补充账户 未定义 8.2\n合计 233.2 267.4`,
    ]);
  });

  it("gives a row too long for the title a piece under the short label", () => {
    expect(splitTableRows(table, 60)[0]).toBe(
      "表 成果目标 1 资金来源\n资金来源 战略预算(百万美元) 实际支出(百万美元)\n经常预算 102.2 104.8",
    );
  });
});

describe("ingestCorpus on the real report", () => {
  let documents: CorpusDocument[];
  let report: IngestedReport;
  let chunks: Chunk[];
  const progress: IngestProgress[] = [];

  beforeAll(async () => {
    documents = await loadCorpus(corpusDir);
    report = await ingestCorpus(documents, DEFAULT_CHUNKER_SETTINGS, (step) => progress.push(step));
    chunks = report.chunks;
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("loads the report from the corpus folder", () => {
    expect(documents.map((document) => document.source)).toContain("ilo-pir-2018-19.zh.txt");
    expect(documents[0].sha256).toMatch(/^[0-9a-f]{64}$/u);
  });

  it("leaves no page header, URL or chart residue in any chunk", () => {
    for (const chunk of chunks) {
      expect(chunk.text).not.toMatch(/GB\.340\/PFA\/5/u);
      expect(chunk.text).not.toMatch(/https?:\/\/|www\./u);
      const lines = chunk.text.split("\n").filter((line) => line.trim() !== "");
      expect(lines.filter((line) => new RegExp(`^\\s*${CJK}\\s*$`, "u").test(line))).toEqual([]);
      const loneNumberLines = lines.filter((line) => /^\s*[\d.\s]+$/u.test(line));
      expect(loneNumberLines.length).toBeLessThan(Math.max(2, lines.length / 2));
    }
    expect(chunks.some((chunk) => chunk.text.includes("非洲 美洲 阿拉伯国家 亚太 欧洲和中亚"))).toBe(false);
    expect(chunks.some((chunk) => chunk.text.includes("为可持续企业创造有利环境"))).toBe(false);
  });

  it("joins wrapped lines without spaces between Chinese characters", () => {
    for (const chunk of chunks.filter((candidate) => candidate.kind !== "table")) {
      expect(chunk.text).not.toMatch(new RegExp(`${CJK} +${CJK}`, "u"));
    }
    // In the source: "…以及劳动世界发生的变化，给" / "" /
    // "劳工组织在世界各地的三方成员带来了…"
    expect(chunks.some((chunk) => chunk.text.includes("以及劳动世界发生的变化，给劳工组织在世界各地的三方成员"))).toBe(
      true,
    );
    // Wrapped across a URL block and a page header: "…例子包括在印度尼西亚设立的" /
    // "联合社会对话平台…"
    expect(chunks.some((chunk) => chunk.text.includes("例子包括在印度尼西亚设立的联合社会对话平台"))).toBe(true);
    expect(chunks.some((chunk) => chunk.text.includes("采用劳工组织 Think.Coop and Start.Coop 等工具"))).toBe(true);
  });

  it("removes footnote markers from the text", () => {
    expect(chunkHolding(chunks, "比 2016-2017 两年期下降了 6%。").text).not.toMatch(/下降了 6%。 ?1/u);
    expect(chunkHolding(chunks, "并按照四个等级进行评估").text).toContain("并按照四个等级进行评估，这个评估等级");
  });

  it("finds the report's parts, appendices and every outcome with its path", () => {
    const part2 = "第二部分. 国际劳工组织的工作成效";
    const paths = chunks.map((chunk) => chunk.sectionPath);
    for (let outcome = 1; outcome <= 10; outcome += 1) {
      const found = paths.filter(
        (sectionPath) =>
          sectionPath[0] === part2 && sectionPath.some((title) => title.startsWith(`成果目标 ${outcome}：`)),
      );
      expect(found.length, `成果目标 ${outcome}`).toBeGreaterThan(0);
    }
    for (const letter of ["A", "B", "C"]) {
      expect(
        paths.some(
          (sectionPath) =>
            sectionPath[0] === part2 && sectionPath.some((title) => title.startsWith(`成果目标 ${letter}：`)),
        ),
      ).toBe(true);
      expect(
        paths.some(
          (sectionPath) =>
            sectionPath[0] === "附录 II" && sectionPath.some((title) => title.startsWith(`成果目标 ${letter}：`)),
        ),
      ).toBe(true);
    }
    expect(paths.some((sectionPath) => sectionPath[0] === "第一部分. 国际劳工组织 2018-2019 两年期工作回顾")).toBe(
      true,
    );
    expect(paths.some((sectionPath) => sectionPath[0] === "第三部分. 经验教训和未来前景")).toBe(true);
    expect(paths.some((sectionPath) => sectionPath[0] === "附录 I")).toBe(true);
    expect(report.sections).toContain(`${part2} > 按政策成果目标分列的成果 > ${OUTCOME_1} > 预算和支出`);
    expect(report.sections).toContain(`${part2} > 跨领域政策驱动因素 > 社会对话`);
    for (const chunk of chunks) expect(chunk.section).toBe(chunk.sectionPath.join(" > "));
  });

  it("keeps the outcome 1 funding table whole, as a table chunk under its budget section", () => {
    const table = chunkHolding(chunks, "经常预算 102.2 104.8");
    expect(table.kind).toBe("table");
    expect(table.label).toBe("表 成果目标 1 资金来源");
    expect(table.section.endsWith(`${OUTCOME_1} > 预算和支出`)).toBe(true);
    expect(table.text.split("\n")[0]).toBe("成果目标 1 预算和支出 资金来源表（百万美元）");
    expect(tableRows(table)).toEqual([
      "经常预算 102.2 104.8",
      "预算外发展合作 131.0 154.4",
      "经常预算补充账户 未定义 8.2",
      "合计 233.2 267.4",
    ]);
  });

  it("finds exactly ten funding tables, one per outcome 1-10", () => {
    const funding = chunks.filter((chunk) => chunk.kind === "table" && chunk.text.includes("资金来源 战略预算"));
    expect(funding).toHaveLength(10);
    expect(funding.map((chunk) => chunk.label)).toEqual(
      Array.from({ length: 10 }, (_, index) => `表 成果目标 ${index + 1} 资金来源`),
    );
    for (const chunk of funding) expect(tableRows(chunk)).toHaveLength(4);
  });

  it("keeps every row of the 2016-2019 decent work indicator table whole, across its page break", () => {
    const rows = chunks
      .filter((chunk) => chunk.kind === "table" && chunk.label === "表 2016-2019 年体面劳动指标的主要趋势(百分比)")
      .flatMap(tableRows);
    expect(rows).toContain("就业人口比(15 岁及以上)，按性别分列 57.7 57.6 57.6 57.4");
    expect(rows).toContain("青年(15-24 岁) 13.8 13.7 13.5 13.6");
    expect(rows).toContain("担任管理职务的妇女比例(SDG 指标 5.5.2) 27.4 27.6 27.8 27.9");
    expect(rows).toContain("社会保护底线/制度覆盖的人口比例(SDG 指标 1.3.1) 45.2 – – 49.1");
    expect(rows.filter((row) => /^2016/u.test(row))).toEqual([]);
    expect(rows.filter((row) => /\d/u.test(row) && !/资料来源/u.test(row))).toHaveLength(16);
  });

  it("keeps the Appendix I shares as readable tables labelled with their figure", () => {
    const shares = chunkHolding(chunks, "就业政策 21%；非洲地区计划 21%；亚太地区计划 15%");
    expect(shares).toMatchObject({ kind: "table", label: "图 I.1", sectionPath: ["附录 I", "详细财务数据"] });
    expect(shares.text).toContain("其他 6%");
    const appendixShares = chunks.filter((chunk) => chunk.kind === "table" && /^图 I\.\d+$/u.test(chunk.label ?? ""));
    expect(appendixShares.map((chunk) => chunk.label)).toEqual(
      Array.from({ length: 10 }, (_, index) => `图 I.${index + 1}`),
    );
    expect(chunkHolding(chunks, "社会保护 2%；其他 4%").label).toBe("图 I.6");
  });

  it("keeps the Appendix II success-criteria rows whole, with their status", () => {
    const criteria = chunks.filter((chunk) => chunk.kind === "table" && chunk.sectionPath[0] === "附录 II");
    expect(criteria.length).toBeGreaterThan(10);
    const rows = criteria.flatMap(tableRows);
    for (const row of rows) expect(row).toMatch(/达成|信息不足/u);
    expect(rows).toContain(
      "预算外技术合作和经常预算补充帐户的份额占劳工局可用资源总额的百分比。 | 45% 达成。比例为 45%。",
    );
    expect(rows).toContain("项目建议的后续行动至少达到 90%。 | 未达成。项目建议的后续行动为 81%。");
    expect(chunkHolding(chunks, "未达成。平均时间为 4.3 个月。").label).toBe("表 指标 B.4");
  });

  it("keeps titled boxes as box chunks that open with their title", () => {
    const box = chunkHolding(chunks, "尼日利亚成为“青年体面劳动倡议”的伙伴");
    expect(box.kind).toBe("box");
    expect(box.text.startsWith("伙伴关系见成果：尼日利亚青年的体面劳动\n")).toBe(true);
    expect(box.section.endsWith(`${OUTCOME_1} > 预算和支出`)).toBe(true);
  });

  it("keeps figure captions, labelled", () => {
    const caption = chunkHolding(chunks, "图 9. 成果目标 1 下的目标和成果，按指标和区域分列");
    expect(caption).toMatchObject({ kind: "caption", label: "图 9" });
  });

  it("holds the sentence on unemployment, with its page", () => {
    const chunk = chunkHolding(chunks, "全球约有 1.88 亿失业人口");
    expect(chunk.kind).toBe("text");
    expect(chunk.sectionPath).toEqual(["第一部分. 国际劳工组织 2018-2019 两年期工作回顾", "体面劳动趋势"]);
    expect(chunk.page).toBeGreaterThanOrEqual(8);
    expect(chunk.page).toBeLessThan(35);
  });

  it("puts URLs in links, never in the text", () => {
    expect(report.links).toBeGreaterThan(100);
    const funding = chunkHolding(chunks, "经常预算 54.3 50.4");
    expect(funding.links).toEqual(
      expect.arrayContaining(["https://betterwork.org/our-partners/development-partners/"]),
    );
    const highlights = chunkHolding(chunks, "卡塔尔在 2019 年 10 月提交给劳工组织理事会的年度报告");
    expect(highlights.links).toEqual(
      expect.arrayContaining([
        "https://www.ilo.org/wcmsp5/groups/public/---ed_norm/---relconf/documents/meetingdocument/wcms_723203.pdf",
      ]),
    );
    expect(chunks.some((chunk) => chunk.links?.includes("https://betterwork.org/"))).toBe(true);
  });

  it("does not make chunks of headings alone", () => {
    for (const chunk of chunks.filter((candidate) => candidate.kind === "text" || candidate.kind === "box")) {
      expect(body(chunk).length).toBeGreaterThan(4);
    }
  });

  it("gives unique ids that do not change from one run to the next", async () => {
    const ids = chunks.map((chunk) => chunk.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^ilo-pir-2018-19\.zh:[0-9a-f]{8}:\d+$/u);
    const again = await ingestCorpus(documents);
    expect(again.chunks).toEqual(chunks);
  });

  it("keeps ids of other sections when one section changes", async () => {
    const edited = documents[0].text.replace("全球失业率保持相对稳定", "全球失业率保持相对稳定（已修订）");
    const changed = await ingestDocument({ ...documents[0], text: edited });
    const before = new Map(chunks.map((chunk) => [chunk.id, chunk.text]));
    const unchanged = changed.chunks.filter((chunk) => !chunk.section.endsWith("体面劳动趋势"));
    expect(unchanged.length).toBeGreaterThan(200);
    for (const chunk of unchanged) expect(before.get(chunk.id)).toBe(chunk.text);
  });

  it("never exceeds the chunk size, except a table piece holding a single long row", async () => {
    for (const settings of [DEFAULT_CHUNKER_SETTINGS, { chunkSize: 200, chunkOverlap: 40 }]) {
      const { chunks: sized } = await ingestCorpus(documents, settings);
      for (const chunk of sized) {
        if (chunk.text.length <= settings.chunkSize) continue;
        expect(chunk.kind).toBe("table");
        expect(tableRows(chunk)).toHaveLength(1);
      }
    }
  });

  it("overlaps consecutive passages of a section by whole sentences, within the overlap", async () => {
    const measure = async (chunkOverlap: number): Promise<number[]> => {
      const { chunks: sized } = await ingestCorpus(documents, { chunkSize: 300, chunkOverlap });
      const shared: number[] = [];
      for (let index = 1; index < sized.length; index += 1) {
        const [previous, next] = [sized[index - 1], sized[index]];
        if (previous.section !== next.section || previous.kind !== next.kind || next.kind !== "text") continue;
        const [left, right] = [body(previous), body(next)];
        let length = Math.min(left.length, right.length);
        while (length > 0 && !left.endsWith(right.slice(0, length))) length -= 1;
        shared.push(length);
      }
      return shared;
    };
    const withOverlap = await measure(80);
    expect(withOverlap.filter((length) => length > 0).length).toBeGreaterThan(5);
    expect(Math.max(...withOverlap)).toBeLessThanOrEqual(80);
    expect((await measure(0)).filter((length) => length > 1)).toEqual([]);
  });

  it("rejects bad settings with a typed error", async () => {
    await expect(ingestCorpus(documents, { chunkSize: 100, chunkOverlap: 100 })).rejects.toBeInstanceOf(
      ChunkerSettingsError,
    );
  });

  it("reports progress through the callback and prints nothing", async () => {
    expect(progress.map((step) => step.stage).slice(0, 2)).toEqual(["clean", "structure"]);
    const last = progress.at(-1);
    expect(last).toMatchObject({ stage: "split", source: "ilo-pir-2018-19.zh.txt" });
    expect(last?.done).toBe(last?.total);
    const printed = ["log", "info", "warn", "error", "debug"].map((method) =>
      vi.spyOn(console, method as "log").mockImplementation(() => undefined),
    );
    const writes = vi.spyOn(process.stdout, "write");
    await ingestCorpus(documents);
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    expect(writes).not.toHaveBeenCalled();
  });
});

describe("ingestDocument on another report", () => {
  it("ingests an excerpt on its own: chart gone, table kept", async () => {
    const text = await readFile(excerptPath, "utf8");
    const { chunks, tables } = await ingestDocument({ source: "report-excerpt.txt", format: "text", text, sha256: "" });
    expect(tables).toBe(1);
    const table = chunkHolding(chunks, "合计 107.4 101.8");
    expect(table.kind).toBe("table");
    expect(table.id).toMatch(/^report-excerpt:[0-9a-f]{8}:\d+$/u);
    expect(chunkHolding(chunks, "伙伴关系见成效：印度尼西亚小微企业的金融包容性")).toMatchObject({ kind: "box" });
    expect(chunks.some((chunk) => /^\s*12\s*$/mu.test(chunk.text))).toBe(false);
  });

  it("ingests a plain text without headings as running text", async () => {
    const text = "这是一份没有标题的短报告。它只有两句话。\n";
    const { chunks } = await ingestDocument({ source: "plain.txt", format: "text", text, sha256: "" });
    expect(chunks).toEqual([
      {
        id: expect.stringMatching(/^plain:[0-9a-f]{8}:0$/u),
        text: "这是一份没有标题的短报告。它只有两句话。",
        sectionPath: [],
        section: "",
        kind: "text",
        source: "plain.txt",
      },
    ]);
  });
});
