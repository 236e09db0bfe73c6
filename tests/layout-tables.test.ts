/**
 * Numeric tables found by their layout in any report, and value questions answered from their cells.
 */
import { describe, expect, it } from "vitest";
import { answerFromTables } from "../src/tables/answer-from-tables.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

const statement: Chunk = {
  id: "accounts.pdf:statement:0",
  text: [
    "Consolidated income statement table",
    "for the year ended 31 December   2024   2023",
    "Notes   US$000   US$000 Net interest income   1,589,948   1,551,274",
    "Net fee income   3   508,184   475,147",
    "Other operating income   83,927   42,924",
    "Profit before tax   1,114,532   1,207,111",
    "Tax expense   (246,596)   (146,516)",
  ].join("\n"),
  sectionPath: ["Consolidated income statement"],
  section: "Consolidated income statement",
  kind: "table",
  label: "Table Consolidated income statement",
  page: 9,
  source: "accounts.pdf",
};

const store = TableStore.fromExtraction(extractTables([statement]));

describe("tables found by their layout", () => {
  it("reads rows of a label and values, with their page and document, headings out of the label", () => {
    const [table] = store.ofKind("layout");
    expect(table).toMatchObject({ page: 9, document: "accounts.pdf", caption: "Table Consolidated income statement" });
    expect(table.rows.map((row) => row.label)).toEqual([
      "Net interest income",
      "Net fee income",
      "Other operating income",
      "Profit before tax",
      "Tax expense",
    ]);
    expect(table.rows[4].cells.map((cell) => cell.value)).toEqual([-246596, -146516]);
  });

  it("answers a value question from the cell of the year asked, citing the passage that holds it", () => {
    const latest = answerFromTables("What was profit before tax?", store, { lang: "en", statedFigures: false });
    expect(latest?.text).toBe(
      "Table Consolidated income statement: Profit before tax, 2024: 1,114,532[1]; 2023: 1,207,111[1].",
    );
    const earlier = answerFromTables("How much net fee income was there in 2023?", store, {
      lang: "en",
      statedFigures: false,
    });
    expect(earlier?.text).toBe("Table Consolidated income statement: Net fee income, 2023: 475,147[1].");
    expect(earlier?.citedChunkIds).toEqual(["accounts.pdf:statement:0"]);
    const figure = earlier?.figures[0];
    expect(statement.text.slice(figure?.source?.start, (figure?.source?.start ?? 0) + 7)).toBe("475,147");
  });

  it("answers nothing when the question names no row whole, or a year the table does not have", () => {
    expect(answerFromTables("What was the income in 2024?", store, { lang: "en", statedFigures: false })).toBeNull();
    expect(
      answerFromTables("What was profit before tax in 2019?", store, { lang: "en", statedFigures: false }),
    ).toBeNull();
  });
});
