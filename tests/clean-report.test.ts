import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type CleanedReport,
  cleanReport,
  joinWrappedText,
  normalizeChineseSpacing,
} from "../src/ingest/clean-report.js";

const reportPath = path.resolve("corpus/ilo-pir-2018-19.zh.txt");
const excerptPath = path.resolve("tests/fixtures/report-excerpt.txt");

const LONE_NUMBERS = /^\s*\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?)*\s*$/u;

function keptLines(cleaned: CleanedReport): string[] {
  return cleaned.lines.map((line) => line.text).filter((text) => text.trim() !== "");
}

function lineHolding(cleaned: CleanedReport, fragment: string) {
  const line = cleaned.lines.find((candidate) => candidate.text.includes(fragment));
  if (!line) throw new Error(`no cleaned line holds ${fragment}`);
  return line;
}

describe("cleanReport on the real report", () => {
  let cleaned: CleanedReport;

  beforeAll(async () => {
    cleaned = cleanReport(await readFile(reportPath, "utf8"));
  });

  it("keeps one entry per source line", async () => {
    const source = await readFile(reportPath, "utf8");
    expect(cleaned.lines).toHaveLength(source.split("\n").length);
    expect(cleaned.lines[157].sourceLine).toBe(158);
  });

  it("removes the page headers and knows the printed page from them", () => {
    expect(cleaned.pageHeaders.map((header) => header.page)).toEqual([8, 35, 41]);
    expect(keptLines(cleaned).filter((text) => /GB\.340\/PFA\/5/u.test(text))).toEqual([]);
    const afterHeader = lineHolding(cleaned, "联合社会对话平台，以协助当地制衣业");
    expect(afterHeader.page).toBe(41);
    expect(afterHeader.pageIsEstimated).toBe(false);
    const beforeHeader = lineHolding(cleaned, "伙伴关系见成效：印度尼西亚小微企业的金融包容性");
    expect(beforeHeader.page).toBe(35);
  });

  it("estimates pages in order between page headers", () => {
    const pages = cleaned.lines.flatMap((line) => (line.page === undefined ? [] : [line.page]));
    expect(pages.length).toBeGreaterThan(cleaned.lines.length * 0.9);
    for (let index = 1; index < pages.length; index += 1) expect(pages[index]).toBeGreaterThanOrEqual(pages[index - 1]);
  });

  it("takes URL-only lines out of the text and keeps their URLs", () => {
    expect(keptLines(cleaned).filter((text) => /https?:\/\/|www\./u.test(text))).toEqual([]);
    expect(cleaned.links).toContain("https://betterwork.org/");
    expect(cleaned.links).toContain("http://www.ilo.org/IRDashboard");
    expect(new Set(cleaned.links).size).toBe(cleaned.links.length);
    const urlLine = cleaned.lines[155];
    expect(urlLine).toMatchObject({
      text: "",
      removed: "url",
      links: ["https://www.ilo.org/infostories/en-GB/Campaigns/Decent-Work-results/overview"],
    });
  });

  it("removes bar-chart residue: runs of lone numbers, one-character lines, axis labels and legends", () => {
    const kept = keptLines(cleaned);
    expect(kept.filter((text) => /^\s*[\u4E00-\u9FFF]\s*$/u.test(text))).toEqual([]);
    expect(kept).not.toContain("非洲 美洲 阿拉伯国家 亚太 欧洲和中亚");
    expect(kept).not.toContain("为可持续企业创造有利环境");
    let run = 0;
    for (const line of cleaned.lines) {
      if (LONE_NUMBERS.test(line.text)) run += 1;
      else if (line.text.trim() !== "") run = 0;
      expect(run).toBeLessThan(4);
    }
    expect(cleaned.statistics.chartResidueLines).toBeGreaterThan(80);
  });

  it("keeps the label/percentage pairs of pie charts, which are data", () => {
    const kept = keptLines(cleaned);
    const index = kept.indexOf("就业政策");
    expect(index).toBeGreaterThan(0);
    expect(kept[index + 1]).toBe("21%");
    expect(kept[index + 2]).toBe("非洲地区计划");
  });

  it("keeps the numbers of tables", () => {
    expect(keptLines(cleaned)).toContain("经常预算 102.2 104.8");
    expect(keptLines(cleaned)).toContain("57.7 57.6 57.6 57.4");
  });

  it("removes footnote markers and labels the footnotes", () => {
    expect(lineHolding(cleaned, "比 2016-2017 两年期下降了 6%。").text.trimEnd()).toMatch(/下降了 6%。$/u);
    expect(lineHolding(cleaned, "并按照四个等级进行评估").text).toMatch(/进行评估，这个$/u);
    expect(lineHolding(cleaned, "这是衡量支出的重要方").text).toContain("以及服务所用的时间来衡量。鉴于人事费用");
    const footnote = lineHolding(cleaned, "关于保障性成果目标 C 的章节");
    expect(footnote).toMatchObject({
      text: "脚注 1：关于保障性成果目标 C 的章节介绍了有关国际劳工组织发展合作战略和资源的更多情况。",
      footnote: 1,
    });
    expect(cleaned.statistics.footnoteMarkers).toBe(4);
  });

  it("removes lines that were only link labels", () => {
    expect(keptLines(cleaned).filter((text) => /观看视频|转到体面劳动成果汇总表/u.test(text))).toEqual([]);
    expect(keptLines(cleaned).some((text) => text.includes("观看视频 - 转到"))).toBe(false);
  });
});

describe("cleanReport on an excerpt", () => {
  it("cleans the excerpt the same way: chart removed, table kept", async () => {
    const cleaned = cleanReport(await readFile(excerptPath, "utf8"));
    const kept = keptLines(cleaned).map((text) => text.trim());
    expect(kept).toContain("合计 107.4 101.8");
    expect(kept).not.toContain("12");
    expect(kept).not.toContain("目");
    // One header line alone does not repeat, so nothing tells it from a line of the report.
    expect(cleaned.pageHeaders).toEqual([]);
  });

  it("takes the page headers that repeat through a report out, and gives their pages", async () => {
    const cleaned = cleanReport(await readFile("corpus/ilo-pir-2018-19.zh.txt", "utf8"));
    expect(cleaned.pageHeaders).toEqual([
      { page: 8, sourceLine: 103 },
      { page: 35, sourceLine: 1275 },
      { page: 41, sourceLine: 1643 },
    ]);
    expect(keptLines(cleaned).some((text) => text.includes("GB.340"))).toBe(false);
    expect(lineHolding(cleaned, "伙伴关系见成效：印度尼西亚").page).toBe(35);
  });

  it("does not take numbered captions for page headers", () => {
    const text = Array.from({ length: 5 }, (_, index) =>
      [`图 ${index + 1}. 第 ${index + 3} 组的结果`, ...Array(15).fill("正文。")].join("\n"),
    ).join("\n");
    expect(cleanReport(text).pageHeaders).toEqual([]);
  });

  it("works on text without page headers or URLs", () => {
    const cleaned = cleanReport("第一段第一行，\n第二行。\n");
    expect(cleaned.pageHeaders).toEqual([]);
    expect(cleaned.lines.map((line) => line.text)).toEqual(["第一段第一行，", "第二行。", ""]);
    expect(cleaned.lines[0].page).toBeUndefined();
  });
});

describe("joinWrappedText", () => {
  it("joins Chinese without a space", () => {
    expect(joinWrappedText("全球经济增长乏力，给", "劳工组织在世界各地")).toBe(
      "全球经济增长乏力，给劳工组织在世界各地",
    );
    expect(joinWrappedText("其中 62%为分摊会费(经常预算)，38%", "为自愿捐款估计数")).toBe(
      "其中 62%为分摊会费(经常预算)，38%为自愿捐款估计数",
    );
  });

  it("keeps one space between two Latin or digit tokens", () => {
    expect(joinWrappedText("采用劳工组织 Think.Coop and ", "Start.Coop 等工具")).toBe(
      "采用劳工组织 Think.Coop and Start.Coop 等工具",
    );
  });

  it("keeps the report's spacing between numbers and Chinese", () => {
    expect(joinWrappedText("其中 39%来自劳工组织的经", "常预算")).toBe("其中 39%来自劳工组织的经常预算");
    expect(joinWrappedText("在 30", "个国家开展的")).toBe("在 30 个国家开展的");
  });

  it("does not space a word broken at a hyphen", () => {
    expect(joinWrappedText("制订 2020-", "2021 两年期计划")).toBe("制订 2020-2021 两年期计划");
  });
});

describe("normalizeChineseSpacing", () => {
  it("drops letter-spacing between Chinese characters and keeps spaces around numbers", () => {
    expect(normalizeChineseSpacing("  统  计 ")).toBe("统计");
    expect(normalizeChineseSpacing("2019 年   6 月")).toBe("2019 年 6 月");
  });
});
