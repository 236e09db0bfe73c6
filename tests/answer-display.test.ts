import { describe, expect, it } from "vitest";
import type { ChatResponse, Figure } from "../src/types.js";
import { figureNotesOf, highlightableFigures } from "../src/web/components/figure-status.js";
import { tidyMarkers } from "../src/web/components/marker-text.js";
import { decimalsOf, formatNumber } from "../src/web/components/number-format.js";
import { joinBrokenLines, readPassage } from "../src/web/components/passage-text.js";

describe("how answers and passages are shown", () => {
  it("keeps one marker per sentence and one full stop around a marker", () => {
    expect(tidyMarkers("总额为 12.777 亿美元[1][1]，其中 62% 为分摊会费[1]。")).toBe(
      "总额为 12.777 亿美元[1]，其中 62% 为分摊会费。",
    );
    expect(tidyMarkers("第一句。[1]。第二句[1]。")).toBe("第一句。[1]第二句[1]。");
    expect(tidyMarkers("It rose to 5.7 [2]. It fell [2][3].")).toBe("It rose to 5.7 [2]. It fell [2][3].");
  });

  it("reads rows of numbers in a passage as a table with its header, and joins broken lines", () => {
    const blocks = readPassage(
      [
        "主要趋势(百分比)",
        "2016 (%) 2017 (%) 2018 (%) 2019 (%)",
        "就业人口比(15 岁及以上) 57.7 57.6 57.6 57.4",
        "女性 44.8 44.8 44.8 44.6",
        "社会保护覆盖的人口比例 45.2 – – 49.1",
        "资料来源：模型估计。",
      ].join("\n"),
    );
    expect(blocks.map((block) => block.kind)).toEqual(["text", "table", "text"]);
    const table = blocks[1].kind === "table" ? blocks[1].table : undefined;
    expect(table?.header).toEqual(["2016 (%)", "2017 (%)", "2018 (%)", "2019 (%)"]);
    expect(table?.rows[2]).toEqual({ label: "社会保护覆盖的人口比例", cells: ["45.2", "–", "–", "49.1"] });
    expect(
      joinBrokenLines([
        "报告的本部分概述了劳工组织在两年期计划和预算中规定",
        "的目标和承诺方面所取得的成效。",
        "新段落",
      ]),
    ).toEqual(["报告的本部分概述了劳工组织在两年期计划和预算中规定的目标和承诺方面所取得的成效。", "新段落"]);
  });

  it("writes numbers in the interface language with the column's decimals, whatever the browser's locale", () => {
    expect(decimalsOf([131, 154.4, null, "x"])).toBe(1);
    expect(formatNumber(131, "en", 1)).toBe("131.0");
    expect(formatNumber(2674.25, "zh")).toBe("2,674.25");
  });

  it("marks every figure that is not verified, and highlights only verified ones", () => {
    const figures = [
      { value: "12.777", citation: 1, status: "verified", source: { citation: 1, span: "12.777", start: 0 } },
      { value: "5.7", citation: 1, status: "derived", derivation: "62.9 − 57.2 = 5.7" },
      { value: "14", citation: 2, status: "cited-elsewhere" },
      { value: "95", citation: 1, status: "unverified" },
      { value: "131.0", citation: 1, source: { citation: 1, span: "131.0", start: 3 } },
      { value: "7", citation: 1 },
    ] as unknown as Figure[];
    const response = { figures, unverifiedFigures: ["95", "3"] } as unknown as ChatResponse;
    expect(figureNotesOf(response).map((note) => [note.value, note.status])).toEqual([
      ["5.7", "derived"],
      ["14", "cited-elsewhere"],
      ["95", "unverified"],
      ["7", "unverified"],
      ["3", "unverified"],
    ]);
    expect(highlightableFigures(figures).map((figure) => figure.value)).toEqual(["12.777", "131.0"]);
  });
});
