import { describe, expect, it } from "vitest";
import { getUiTexts } from "../src/web/components/ui-texts.js";

const chinese = getUiTexts("zh");
const english = getUiTexts("en");

describe("table captions", () => {
  it("add the unit once, in the interface's language", () => {
    expect(chinese.tableCaption("按成果目标分列的支出", "百万美元")).toBe("按成果目标分列的支出（单位：百万美元）");
    expect(english.tableCaption("Spending by outcome", "百万美元")).toBe("Spending by outcome (unit: US$ million)");
    expect(english.tableCaption("Spending by outcome", undefined)).toBe("Spending by outcome");
  });

  it("leave out a unit the caption already names, under any of its names", () => {
    expect(chinese.tableCaption("2016-2019 年主要趋势(百分比)", "%")).toBe("2016-2019 年主要趋势(百分比)");
    expect(english.tableCaption("2016-2019 年主要趋势(百分比)", "%")).toBe("2016-2019 年主要趋势(百分比)");
    expect(english.tableCaption("Main trends (per cent)", "%")).toBe("Main trends (per cent)");
    expect(chinese.tableCaption("支出（百万美元）", "百万美元")).toBe("支出（百万美元）");
    expect(english.tableCaption("Spending (US$ million)", "百万美元")).toBe("Spending (US$ million)");
  });
});

describe("passage labels", () => {
  it("name the kind of passage in English on an English interface, and keep the report's words", () => {
    expect(english.sourceLabel("表 2016-2019 年主要趋势")).toBe("Table 2016-2019 年主要趋势");
    expect(english.sourceLabel("图 I.1")).toBe("Figure I.1");
    expect(english.sourceLabel("Table 3")).toBe("Table 3");
    expect(english.sourceLabel("预算和支出重点")).toBe("预算和支出重点");
    expect(chinese.sourceLabel("表 2016-2019 年主要趋势")).toBe("表 2016-2019 年主要趋势");
  });
});
