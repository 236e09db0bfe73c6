import { describe, expect, it } from "vitest";
import type { Citation } from "../src/types.js";
import { checkFigures } from "../src/verify/check-figures.js";
import type { TableCellFact } from "../src/verify/table-cell-fact.js";

/** A small table of any report, with its cells as a table parser would give them. */
const TABLE_TEXT = [
  "Table 2. Spending by programme (US$ million)",
  "Programme Budget Actual",
  "Water 40.0 36.5",
  "Roads 25.5 30.1",
  "Total 65.5 66.6",
].join("\n");

const passages: Citation[] = [
  { id: 1, chunkId: "annual-report.txt#0007", text: TABLE_TEXT, section: "Finance", score: 1 },
  {
    id: 2,
    chunkId: "annual-report.txt#0002",
    text: "In 2023 the programme reached 1,240 villages in 14 provinces. Costs rose by 12 per cent.",
    section: "Summary",
    score: 0.5,
  },
];

function cellsOf(text: string, chunkId: string): TableCellFact[] {
  const cells: TableCellFact[] = [];
  const columns = ["Budget", "Actual"];
  let offset = 0;
  for (const line of text.split("\n")) {
    const match = /^(Water|Roads|Total) ([\d.]+) ([\d.]+)$/u.exec(line);
    if (match) {
      const row = match[1];
      [match[2], match[3]].forEach((value, position) => {
        const start =
          offset + line.indexOf(value, position === 0 ? row.length : line.indexOf(match[2]) + match[2].length);
        cells.push({
          caption: "Spending by programme",
          row,
          column: columns[position],
          text: value,
          unit: "US$ million",
          chunkId,
          start,
        });
      });
    }
    offset += line.length + 1;
  }
  return cells;
}

const cells = cellsOf(TABLE_TEXT, "annual-report.txt#0007");
const options = { cellsOfChunk: (chunkId: string) => (chunkId === "annual-report.txt#0007" ? cells : []) };

function statuses(answer: string): string[] {
  return checkFigures(answer, passages, options).figures.map((figure) => `${figure.value}:${figure.status}`);
}

describe("the figure check over the cells of any parsed table", () => {
  it("verifies the cell whose row and column the sentence names, in any scale of the table's unit", () => {
    expect(statuses("Roads actually cost US$30.1 million [1].")).toEqual(["30.1:verified"]);
    expect(statuses("Actual spending on roads was US$30,100,000 [1].")).toEqual(["30,100,000:verified"]);
    const [figure] = checkFigures("The actual total was US$66.6 million [1].", passages, options).figures;
    expect(figure.source).toEqual({ citation: 1, span: "66.6", start: TABLE_TEXT.indexOf("66.6") });
  });

  it("flags the value of another cell, another scale and another value", () => {
    expect(statuses("Actual spending on water was US$30.1 million [1].")).toEqual(["30.1:unverified"]);
    expect(statuses("Roads actually cost US$30.1 billion [1].")).toEqual(["30.1:unverified"]);
    expect(statuses("Roads actually cost US$31.0 million [1].")).toEqual(["31.0:unverified"]);
  });

  it("recomputes differences and sums of cells", () => {
    const [difference] = checkFigures("Roads cost US$4.6 million more than budgeted [1].", passages, options).figures;
    expect(difference.status).toBe("derived");
    expect(difference.derivation).toBe("30.1 − 25.5 = US$4.6 million");
    expect(statuses("Roads cost US$5.6 million more than budgeted [1].")).toEqual(["5.6:unverified"]);
  });

  it("marks a number of another passage cited-elsewhere, and a marker naming no passage", () => {
    const check = checkFigures(
      "The programme reached 1,240 villages [1]. Costs rose by 12 per cent [7].",
      passages,
      options,
    );
    expect(check.figures.map((figure) => [figure.status, figure.citation, figure.foundIn])).toEqual([
      ["cited-elsewhere", 1, 2],
      ["cited-elsewhere", 7, 2],
    ]);
    expect(check.unknownMarkers).toEqual([7]);
    expect(check.figures.every((figure) => figure.source === undefined)).toBe(true);
  });

  it("ignores years, table numbers and markers", () => {
    expect(statuses("In 2023, Table 2 [1] shows a budget of US$65.5 million in total [1].")).toEqual(["65.5:verified"]);
  });
});
