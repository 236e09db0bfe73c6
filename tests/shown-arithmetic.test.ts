/**
 * The figure check over arithmetic an answer writes out: the result of a difference, sum or share of
 * verified cells is derived, a wrong result is not, and an operand written again stays verified.
 */
import { describe, expect, it } from "vitest";
import type { Citation } from "../src/types.js";
import { checkFigures } from "../src/verify/check-figures.js";
import type { TableCellFact } from "../src/verify/table-cell-fact.js";

const TABLE_TEXT = ["Spending (US$ million)", "Programme Budget Actual", "Water 40.0 36.5", "Roads 25.5 30.1"].join(
  "\n",
);
const passages: Citation[] = [{ id: 1, chunkId: "report.txt#0001", text: TABLE_TEXT, section: "Finance", score: 1 }];

function cell(row: string, column: string, text: string): TableCellFact {
  return {
    caption: "Spending",
    row,
    column,
    text,
    unit: "US$ million",
    chunkId: "report.txt#0001",
    start: TABLE_TEXT.indexOf(text),
  };
}

const cells = [
  cell("Water", "Budget", "40.0"),
  cell("Water", "Actual", "36.5"),
  cell("Roads", "Budget", "25.5"),
  cell("Roads", "Actual", "30.1"),
];
const options = { cellsOfChunk: () => cells };

function statuses(answer: string): string[] {
  return checkFigures(answer, passages, options).figures.map((figure) => `${figure.value}:${figure.status}`);
}

describe("arithmetic written out in an answer", () => {
  it("derives the result of a difference of verified cells and keeps the operands written again verified", () => {
    const answer =
      "Roads, Actual: 30.1 US$ million[1]; Roads, Budget: 25.5 US$ million[1]. " +
      "Difference: 30.1 − 25.5 = 4.6 US$ million[1].";
    expect(statuses(answer)).toEqual([
      "30.1:verified",
      "25.5:verified",
      "30.1:verified",
      "25.5:verified",
      "4.6:derived",
    ]);
    const result = checkFigures(answer, passages, options).figures.at(-1);
    expect(result?.derivation).toBe("30.1 − 25.5 = 4.6");
  });

  it("derives sums and shares, and leaves a wrong result unverified", () => {
    expect(statuses("Actual: Water 36.5[1], Roads 30.1[1]. Total: 36.5 + 30.1 = 66.6 US$ million[1].").at(-1)).toBe(
      "66.6:derived",
    );
    expect(statuses("Actual: Water 36.5[1], Roads 30.1[1]. Share: 36.5 / 66.6 = 54.8%[1].").at(-1)).not.toBe(
      "54.8:derived",
    );
    expect(
      statuses("Actual: Roads 30.1[1]; budget: Roads 25.5[1]. Difference: 30.1 − 25.5 = 5.6 US$ million[1].").at(-1),
    ).toBe("5.6:unverified");
  });
});

describe("a relative difference written out", () => {
  it("derives it from the verified amounts, and not a wrong one", () => {
    const answer =
      "Roads, Actual: 30.1[1]; Roads, Budget: 25.5[1]. Relative difference: (30.1 − 25.5) / 25.5 = 18.0%[1].";
    expect(statuses(answer).at(-1)).toBe("18.0:derived");
    const wrong =
      "Roads, Actual: 30.1[1]; Roads, Budget: 25.5[1]. Relative difference: (30.1 − 25.5) / 25.5 = 20.0%[1].";
    expect(statuses(wrong).at(-1)).toBe("20.0:unverified");
  });
});
