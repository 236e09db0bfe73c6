/** The table rows a computed answer used, shown as a small table. */
import type { AnswerTable } from "../../types.js";
import { createElement } from "./dom.js";
import type { UiTexts } from "./ui-texts.js";

/** A `<table>` with its caption (and unit), header row and body rows. */
export function renderAnswerTable(table: AnswerTable, texts: UiTexts): HTMLElement {
  const caption = createElement("caption", { text: texts.tableCaption(table.caption, table.unit) });
  const headerRow = createElement(
    "tr",
    {},
    table.columns.map((column) => createElement("th", { text: column, attributes: { scope: "col" } })),
  );
  const bodyRows = table.rows.map((row) =>
    createElement(
      "tr",
      {},
      row.map((cell, index) =>
        index === 0
          ? createElement("th", { text: formatCell(cell, texts), attributes: { scope: "row" } })
          : createElement("td", {
              text: formatCell(cell, texts),
              className: typeof cell === "number" ? "rc-number" : undefined,
            }),
      ),
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

function formatCell(cell: string | number | null, texts: UiTexts): string {
  if (cell === null) return texts.emptyCell;
  return typeof cell === "number" ? cell.toLocaleString() : cell;
}
