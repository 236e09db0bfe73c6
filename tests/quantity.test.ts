import { describe, expect, it } from "vitest";
import { figuresOfSentences } from "../src/answer/figures.js";
import { numeralValue } from "../src/quantity/chinese-numerals.js";
import { agreesWith, comparable } from "../src/quantity/compare-quantities.js";
import { findFigures, findQuantities, type Quantity } from "../src/quantity/find-quantities.js";
import type { Citation } from "../src/types.js";

/** The one figure `text` states; fails when it states none or several. */
function onlyFigure(text: string): Quantity {
  const figures = findFigures(text);
  expect(figures, `figures of "${text}"`).toHaveLength(1);
  return figures[0];
}

function read(text: string): Pick<Quantity, "kind" | "value" | "unit"> {
  const { kind, value, unit } = onlyFigure(text);
  return { kind, value, unit };
}

describe("numbers written in Chinese numerals, digits or both", () => {
  it.each([
    ["八百四十八", 848, 1],
    ["九十八点一", 98.1, 0.1],
    ["十二", 12, 1],
    ["一千零五", 1005, 1],
    ["三亿五千万", 3.5e8, 1e7],
    ["2万5千", 25_000, 1000],
    ["82.7万亿", 8.27e13, 1e11],
    ["5,720万", 5.72e7, 1e4],
    ["57.2百万", 5.72e7, 1e5],
    ["12.0", 12, 0.1],
    ["二〇一九", 2019, 1],
  ])("%s is %d, written to %d", (written, value, precision) => {
    const numeral = numeralValue(written);
    expect(numeral?.value).toBeCloseTo(value, 6);
    expect(numeral?.precision).toBeCloseTo(precision, 9);
  });

  it("is not a number when it has other characters", () => {
    expect(numeralValue("成果")).toBeUndefined();
  });
});

describe("quantities in Chinese", () => {
  it("reads money with its scale into US dollars, whatever scale it is written in", () => {
    expect(read("总支出为 5,720 万美元")).toEqual({ kind: "money", value: 57_200_000, unit: "USD" });
    expect(read("实际支出 57.2 百万美元")).toEqual({ kind: "money", value: 57_200_000, unit: "USD" });
    expect(read("预算总额为 12.705 亿美元")).toEqual({ kind: "money", value: 1_270_500_000, unit: "USD" });
    expect(read("约 0.572 亿美元").value).toBe(57_200_000);
  });

  it("reads 82.7万亿元 as one quantity in yuan, and 亿元", () => {
    const quantity = onlyFigure("国内生产总值达到 82.7万亿元。");
    expect(quantity).toMatchObject({
      kind: "money",
      value: 8.27e13,
      unit: "CNY",
      written: "82.7",
      writtenUnit: "万亿元",
    });
    expect(quantity.span).toBe("82.7万亿元");
    expect(read("投入 3.5 亿元")).toEqual({ kind: "money", value: 3.5e8, unit: "CNY" });
  });

  it("reads 2万5千公里 as one length", () => {
    const quantity = onlyFigure("铁路总长 2万5千公里");
    expect(quantity).toMatchObject({
      kind: "length",
      value: 25_000_000,
      unit: "m",
      written: "2万5千",
      writtenUnit: "公里",
    });
  });

  it("reads tonnes, percentages, percentage points and multiples", () => {
    expect(read("1,200 吨")).toEqual({ kind: "mass", value: 1_200_000, unit: "kg" });
    expect(read("其中 65%来自经常预算")).toEqual({ kind: "percent", value: 65, unit: "%" });
    expect(read("提高了约 4 个百分点")).toEqual({ kind: "percentage-point", value: 4, unit: "pp" });
    expect(read("增长了 2.3 倍")).toEqual({ kind: "multiple", value: 2.3, unit: "×" });
  });

  it("reads 百分之 with Chinese numerals, full-width digits and signs", () => {
    expect(read("实现率达到百分之九十九点三")).toEqual({ kind: "percent", value: 99.3, unit: "%" });
    expect(read("增加了６１％")).toEqual({ kind: "percent", value: 61, unit: "%" });
    expect(read("１２．７０５亿美元").value).toBe(1_270_500_000);
  });

  it("reads counts with their classifier and the noun they count", () => {
    expect(onlyFigure("有 11 个成员国批准了公约")).toMatchObject({
      kind: "count",
      value: 11,
      unit: "个",
      counted: "成员国",
    });
    expect(read("实现了八百四十四项成果")).toEqual({ kind: "count", value: 844, unit: "项" });
    expect(read("覆盖 60 多万人")).toEqual({ kind: "count", value: 600_000, unit: "名" });
    expect(onlyFigure("覆盖 60 多万人").approximate).toBe(true);
    expect(read("14.6 万名工人")).toEqual({ kind: "count", value: 146_000, unit: "名" });
  });

  it("reads durations, but not a biennium or a year", () => {
    expect(read("为期 3 个月")).toEqual({ kind: "duration", value: 3, unit: "month" });
    expect(read("历时 5 年")).toEqual({ kind: "duration", value: 60, unit: "month" });
    expect(findFigures("2018-2019 两年期内")).toEqual([]);
    expect(findFigures("二〇一九年")).toEqual([]);
  });

  it("keeps dates, periods, reference numbers and citation markers apart from figures", () => {
    const text =
      "2018-19 两年期，截至 12 月 31 日，1 月至 12 月，成果目标 7、第 7 项、第 182 " +
      "号公约、指标 1.2、SDG 8 [1, 4]【1】";
    expect(findFigures(text)).toEqual([]);
    const kinds = new Set(findQuantities(text).map((quantity) => quantity.kind));
    expect([...kinds].sort()).toEqual(["date", "identifier"]);
  });

  it("does not take words for numbers", () => {
    expect(findFigures("三方协商十分重要，一些国家统一了做法，万一失败")).toEqual([]);
    expect(findFigures("一个重要步骤")).toEqual([]);
    expect(findFigures("成果目标 3 项下的支出")).toEqual([]);
  });

  it("tells a month range from the count after it", () => {
    const figures = findFigures("1 月至 12 月有 12 个成员国");
    expect(figures.map((figure) => figure.span)).toEqual(["12 个"]);
  });

  it("records the precision each number was written with", () => {
    expect(onlyFigure("57.2 百万美元").precision).toBe(100_000);
    expect(onlyFigure("5,720 万美元").precision).toBe(10_000);
    expect(onlyFigure("12.0%").precision).toBe(0.1);
    expect(onlyFigure("约 850 项").precision).toBe(10);
  });
});

describe("quantities in English", () => {
  it("reads currency before or after the number, with scale words", () => {
    expect(read("US$868m")).toEqual({ kind: "money", value: 868_000_000, unit: "USD" });
    expect(read("USD58.2 million")).toEqual({ kind: "money", value: 58_200_000, unit: "USD" });
    expect(read("US$ 1,270.5 million")).toEqual({ kind: "money", value: 1_270_500_000, unit: "USD" });
    expect(read("$1.2705 billion")).toEqual({ kind: "money", value: 1_270_500_000, unit: "USD" });
    expect(read("57.2 million US dollars")).toEqual({ kind: "money", value: 57_200_000, unit: "USD" });
    expect(read("€3.5m")).toEqual({ kind: "money", value: 3_500_000, unit: "EUR" });
    expect(read("£2bn")).toEqual({ kind: "money", value: 2e9, unit: "GBP" });
  });

  it("reads per cent, percentage points and counted nouns", () => {
    expect(read("65 per cent")).toEqual({ kind: "percent", value: 65, unit: "%" });
    expect(read("about 4 percentage points")).toEqual({ kind: "percentage-point", value: 4, unit: "pp" });
    expect(read("12 countries")).toEqual({ kind: "count", value: 12, unit: "country" });
    expect(read("146 thousand workers")).toMatchObject({ kind: "count", value: 146_000 });
  });

  it("keeps outcomes, conventions, dates and periods apart from figures", () => {
    expect(
      findFigures("Outcome 7, Indicator 1.2, Convention No. 144, C182, 31 December 2019, 2018-19, in 2019"),
    ).toEqual([]);
  });
});

describe("answers written to fool the reader", () => {
  it("reads each of two amounts written side by side", () => {
    const figures = findFigures("US$1,270.5 million (12.705 亿美元)，其中 62% 为分摊会费，38% 为自愿捐款");
    expect(figures.map((figure) => [figure.kind, figure.value])).toEqual([
      ["money", 1_270_500_000],
      ["money", 1_270_500_000],
      ["percent", 62],
      ["percent", 38],
    ]);
  });

  it("takes lists of reference numbers, code names and plan names for identifiers", () => {
    expect(findFigures("成果目标 1、2 和 3 的支出")).toEqual([]);
    expect(findFigures("Outcomes 1, 2 and 3, indicators 1.1 to 1.3, COVID-19, ILO100, G20, the 十三五 plan")).toEqual(
      [],
    );
  });

  it("takes telephone numbers and web and e-mail addresses for identifiers, not for figures", () => {
    expect(findFigures("电话：0517-83605210，邮箱见下")).toEqual([]);
    expect(findFigures("call 020 7991 8888 or 07 1234 5678.")).toEqual([]);
    const addresses = "邮箱 office2024@163.com，网址 https://www.example.gov.cn/2024/05/report.html";
    expect(findFigures(addresses)).toEqual([]);
    const amounts = findFigures("支出 0.5 百万美元，共 3605210 人");
    expect(amounts.map(({ kind, value }) => ({ kind, value }))).toEqual([
      { kind: "money", value: 500_000 },
      { kind: "count", value: 3_605_210 },
    ]);
  });

  it("reads space-separated thousands and full-width separators", () => {
    expect(read("5 720 万美元").value).toBe(57_200_000);
    expect(read("１２３，４５６ 名工人").value).toBe(123_456);
  });

  it("does not read a year as an amount, even next to a unit word", () => {
    expect(findFigures("2019 年预算")).toEqual([]);
    expect(findFigures("二〇一九年")).toEqual([]);
    expect(read("2019 名工人")).toEqual({ kind: "count", value: 2019, unit: "名" });
  });

  it("keeps the place of every quantity in the text as written, full-width or not", () => {
    const text = "支出为５，７２０万美元，占６５％。";
    for (const figure of findFigures(text)) expect(text.slice(figure.start, figure.end)).toBe(figure.span);
    expect(findFigures(text).map((figure) => figure.span)).toEqual(["５，７２０万美元", "６５％"]);
  });
});

describe("comparing quantities", () => {
  it("holds equal values in other units and scales equal, and other digits or scales not", () => {
    const table = onlyFigure("57.2 百万美元");
    for (const same of ["5,720 万美元", "0.572 亿美元", "US$57.2 million", "USD 57,200,000", "约 57 百万美元"])
      expect(comparable(onlyFigure(same), table) && agreesWith(onlyFigure(same), table.value), same).toBe(true);
    for (const other of ["57.2 亿美元", "US$57.2 billion", "57.2 万美元", "52.7 百万美元", "57.24 百万美元"])
      expect(comparable(onlyFigure(other), table) && agreesWith(onlyFigure(other), table.value), other).toBe(false);
  });

  it("does not compare counts of different things, shares with points, or dollars with yuan", () => {
    expect(comparable(onlyFigure("844 个国家"), onlyFigure("844 项成果"))).toBe(false);
    expect(comparable(onlyFigure("4%"), onlyFigure("4 个百分点"))).toBe(false);
    expect(comparable(onlyFigure("12.705 亿元"), onlyFigure("12.705 亿美元"))).toBe(false);
    expect(comparable(onlyFigure("11 member States"), onlyFigure("11 个成员国"))).toBe(true);
  });

  it("rounds within the precision written", () => {
    const actual = onlyFigure("12.0").value;
    expect(agreesWith(onlyFigure("12"), actual)).toBe(true);
    expect(agreesWith(onlyFigure("12.7 亿美元"), onlyFigure("12.705 亿美元").value)).toBe(true);
    expect(agreesWith(onlyFigure("12.8 亿美元"), onlyFigure("12.705 亿美元").value)).toBe(false);
    expect(agreesWith(onlyFigure("850 项"), onlyFigure("844 项").value)).toBe(false);
  });
});

describe("figures of extractive answers", () => {
  const citation: Citation = {
    id: 1,
    chunkId: "report#0001",
    text: "国内生产总值达到 82.7万亿元，铁路总长 2万5千公里，项目获得 US$868m 资助。",
    section: "经济",
    score: 1,
  };

  it("records one figure per quantity, with its unit and its exact place in the passage", () => {
    const figures = figuresOfSentences([{ text: citation.text, citation: 1 }], [citation]);
    expect(figures.map((figure) => [figure.value, figure.unit, figure.status])).toEqual([
      ["82.7", "万亿元", "verified"],
      ["2万5千", "公里", "verified"],
      ["868", "US$ m", "verified"],
    ]);
    for (const figure of figures) {
      const source = figure.source;
      expect(source && citation.text.slice(source.start, source.start + source.span.length)).toBe(source?.span);
    }
    expect(figures.map((figure) => figure.source?.span)).toEqual(["82.7万亿元", "2万5千公里", "US$868m"]);
  });
});
