/**
 * Reading reports of any kind: the PDF reader (true pages, running footers, lines and cells),
 * heading numbering of both languages, sentence ends, the English tokeniser, the profile's title
 * and bilingual terms.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentLines, readPdfDocument } from "../src/documents/pdf-document.js";
import { type PdfPage, PdfReadError } from "../src/documents/read-pdf.js";
import { cleanReport } from "../src/ingest/clean-report.js";
import { numberedHeadingKind, withoutNumbering } from "../src/ingest/heading-numbering.js";
import { ingestDocument } from "../src/ingest/ingest-report.js";
import { titleOf } from "../src/profile/derive-profile.js";
import { createTermTranslator } from "../src/profile/term-translator.js";
import { splitSentences } from "../src/text/normalize.js";
import { retrievalWords } from "../src/text/tokenizer.js";

const PDF = path.resolve("tests", "fixtures", "reports", "huaian-gov-info-2024", "report.pdf");

/** A page of runs at given places (points from the bottom left), as a PDF would give them. */
function page(number: number, runs: Array<[string, number, number]>): PdfPage {
  return {
    number,
    width: 600,
    height: 800,
    texts: runs.map(([text, left, baseline]) => ({ text, left, right: left + text.length * 6, baseline, size: 10 })),
  };
}

describe("reading a PDF", () => {
  it("gives each line its true page and drops the page numbers printed at the foot of every page", async () => {
    const lines = await readPdfDocument(new Uint8Array(await readFile(PDF)), "report.pdf");
    expect(new Set(lines.flatMap((line) => (line.page === undefined ? [] : [line.page])))).toEqual(
      new Set([1, 2, 3, 4, 5, 6]),
    );
    expect(lines.some((line) => /^-\s*\d+\s*-$/u.test(line.text.trim()))).toBe(false);
    const first = lines.find((line) => line.text.includes("一、总体情况"));
    expect(first?.page).toBe(1);
  });

  it("keeps the cells of a table row apart and reads two columns one after the other", () => {
    const rows: Array<[string, number, number]> = [];
    for (let line = 0; line < 10; line += 1) {
      rows.push([`left column sentence number ${line}`, 40, 700 - line * 14]);
      rows.push([`right column sentence number ${line}`, 320, 700 - line * 14]);
    }
    const lines = documentLines([page(1, rows)]).filter((line) => line.text !== "");
    expect(lines[0].text).toBe("left column sentence number 0");
    expect(lines[9].text).toBe("left column sentence number 9");
    expect(lines[10].text).toBe("right column sentence number 0");

    const table = documentLines([
      page(1, [
        ["Net interest income", 40, 700],
        ["1,589,948", 400, 700],
        ["1,551,274", 480, 700],
        ["Net fee income", 40, 686],
        ["508,184", 400, 686],
        ["475,147", 480, 686],
      ]),
    ]);
    expect(table.map((line) => line.text)).toEqual([
      "Net interest income   1,589,948   1,551,274",
      "Net fee income   508,184   475,147",
    ]);
  });

  it("removes a header repeated at the top of the pages and joins a word split by a line break", () => {
    const pages = [1, 2, 3].map((number) =>
      page(number, [
        ["Annual Report 2024", 40, 780],
        [number === 2 ? "The bank raised its employ-" : "Some text of the page.", 40, 700],
        [number === 2 ? "ment numbers in the year." : "More text.", 40, 686],
        [String(number), 300, 20],
      ]),
    );
    const texts = documentLines(pages).map((line) => line.text);
    expect(texts).not.toContain("Annual Report 2024");
    expect(texts).not.toContain("2");
    expect(texts).toContain("The bank raised its employment");
    expect(texts).toContain("numbers in the year.");
  });

  it("rejects bytes that are not a PDF with a typed error", async () => {
    await expect(readPdfDocument(new TextEncoder().encode("not a pdf"), "broken.pdf")).rejects.toBeInstanceOf(
      PdfReadError,
    );
  });
});

describe("headings and sentences of both languages", () => {
  it("knows the common numbering forms", () => {
    expect(numberedHeadingKind("第三章 总则")).toMatchObject({ kind: "numbered", scheme: "章" });
    expect(numberedHeadingKind("一、过去五年工作回顾")).toMatchObject({ kind: "numbered", scheme: "一、" });
    expect(numberedHeadingKind("（二）依申请公开情况")).toMatchObject({ kind: "numbered", scheme: "（一）" });
    expect(numberedHeadingKind("2.3 Liquidity risk")).toMatchObject({ kind: "numbered", scheme: "1.1" });
    expect(numberedHeadingKind("III. Tasks for 2019")).toMatchObject({ kind: "numbered", scheme: "I." });
    expect(numberedHeadingKind("Part 2 Financial statements")).toMatchObject({ kind: "part" });
    expect(numberedHeadingKind("Appendix A")).toMatchObject({ kind: "part" });
    expect(numberedHeadingKind("Outcome 3: Social protection floors")).toMatchObject({
      kind: "outcome",
      number: "3",
      label: "Outcome",
    });
    expect(numberedHeadingKind("27.3% of the total")).toBeUndefined();
    expect(withoutNumbering("（二）依申请公开情况")).toBe("依申请公开情况");
    expect(withoutNumbering("II. Economic and Social Development")).toBe("Economic and Social Development");
  });

  it("ends English sentences at . ! ? but not inside 27.3% or U.S.", () => {
    expect(splitSentences("Exports to the U.S. rose 27.3% in 2018. Imports fell! Why? 进口下降。出口增长；")).toEqual([
      "Exports to the U.S. rose 27.3% in 2018.",
      "Imports fell!",
      "Why?",
      "进口下降。",
      "出口增长；",
    ]);
  });

  it("reads a text written one paragraph a line: headings stand apart, paragraphs stay whole", async () => {
    const text = [
      "一、过去五年工作回顾",
      "五年来，经济实力跃上新台阶。国内生产总值年均增长7.1%，占世界经济比重提高到15%左右。",
      "（一）坚持创新引领发展。创新能力和效率显著提高，科技进步贡献率提高到57.5%。",
      "二、今年工作的建议",
      "今年发展主要预期目标是：国内生产总值增长6.5%左右；居民消费价格涨幅3%左右。",
    ].join("\n");
    const cleaned = cleanReport(text);
    expect(cleaned.lines.filter((line) => line.text === "").length).toBe(5);
    const { sections } = await ingestDocument({ source: "lines.txt", format: "text", text, sha256: "" });
    expect(sections).toEqual([
      "一、过去五年工作回顾",
      "一、过去五年工作回顾 > （一）坚持创新引领发展",
      "二、今年工作的建议",
    ]);
  });
});

describe("English words for retrieval", () => {
  it("drops stop words and reduces words to their stems", () => {
    expect(retrievalWords("How much did the consumer prices rise?")).toEqual(["consum", "price", "rise"]);
    expect(retrievalWords("Employment policies")).toEqual(retrievalWords("employment policy"));
  });
});

describe("the report profile", () => {
  it("takes the title from the first title lines of the text", () => {
    expect(titleOf("REPORT ON THE WORK OF THE GOVERNMENT\nLi Keqiang, Premier\nFellow Deputies,")).toBe(
      "Report on the Work of the Government",
    );
    expect(titleOf("HSBC Bank Middle East\nLimited\nAnnual Report and Accounts 2024\nContents")).toBe(
      "HSBC Bank Middle East Limited Annual Report and Accounts 2024",
    );
    expect(titleOf("主要相关成果目标：全部。\n前言")).toBeUndefined();
  });

  it("translates English words through the report's bilingual pairs, longest phrase first", () => {
    const translate = createTermTranslator([
      { en: "DWCP", zh: "体面劳动国别计划" },
      { en: "social protection floor", zh: "社会保护底线" },
      { en: "social protection", zh: "社会保护" },
    ]);
    expect(translate("How many DWCPs? Which social protection floors were set?")).toEqual([
      "社会保护底线",
      "体面劳动国别计划",
    ]);
    expect(translate("Which DWCP covers social protection?")).toEqual(["社会保护", "体面劳动国别计划"]);
  });

  it("matches English terms as whole words, in any case, a plural or a long s too", () => {
    const translate = createTermTranslator([
      { en: "social security", zh: "社会保障" },
      { en: "e-commerce", zh: "电子商务" },
      { en: "G20", zh: "二十国集团" },
    ]);
    expect(translate("SOCIAL SECURITY and E-Commerces at the g20")).toEqual(["社会保障", "电子商务", "二十国集团"]);
    expect(translate("\u017focial \u017fecurity")).toEqual(["社会保障"]);
    expect(translate("antisocial security, socialsecurity, ecommerce, G200")).toEqual([]);
  });
});
