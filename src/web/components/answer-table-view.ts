/** The table rows a computed answer used, shown as a small table. */
import type { AnswerTable } from "../../types.js";
import { createElement } from "./dom.js";
import { languageAttributeOf, withLanguageRuns } from "./language-runs.js";
import { decimalsOf, formatNumber } from "./number-format.js";
import type { UiTexts } from "./ui-texts.js";

/** A `<table>` with its caption (and unit, once), header row and body rows; each column keeps one number format. */
export function renderAnswerTable(table: AnswerTable, texts: UiTexts): HTMLElement {
  const caption = createElement(
    "caption",
    {},
    withLanguageRuns(texts.tableCaption(table.caption, table.unit), texts.language),
  );
  const decimals = table.columns.map((_, column) => decimalsOf(table.rows.map((row) => row[column] ?? null)));
  const headerRow = createElement(
    "tr",
    {},
    table.columns.map((column) =>
      createElement("th", { text: column, attributes: { scope: "col", ...langOf(column, texts) } }),
    ),
  );
  const bodyRows = table.rows.map((row) =>
    createElement(
      "tr",
      {},
      row.map((cell, index) => {
        const text = formatCell(cell, texts, decimals[index]);
        return index === 0
          ? createElement("th", { text, attributes: { scope: "row", ...langOf(text, texts) } })
          : createElement("td", {
              text,
              className: typeof cell === "number" ? "rc-number" : undefined,
              attributes: langOf(text, texts),
            });
      }),
    ),
  );
  const element = createElement("table", { className: "rc-table" }, [
    caption,
    createElement("thead", {}, [headerRow]),
    createElement("tbody", {}, bodyRows),
  ]);
  return createElement(
    "div",
    { className: "rc-table-scroll", attributes: { tabindex: "0", role: "region", "aria-label": table.caption } },
    [element],
  );
}

/** Report text inside an English interface is marked as Chinese so screen readers read it right. */
function langOf(text: string, texts: UiTexts): Record<string, string> {
  return languageAttributeOf(text, texts.language);
}

function formatCell(cell: string | number | null, texts: UiTexts, decimals: number): string {
  if (cell === null) return texts.emptyCell;
  return typeof cell === "number" ? formatNumber(cell, texts.language, decimals) : cell;
}
