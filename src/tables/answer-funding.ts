import type { AnswerTable } from "../types.js";
import type { QuestionIntent } from "./question-intent.js";
import {
  type AnswerLanguage,
  AnswerRecorder,
  showDifference,
  showPercentChange,
  showSum,
  type TableAnswer,
} from "./table-answer.js";
import type { TableCell, TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** Words for each source of funds, matched to a row whose label starts with `row`; most specific first. */
const SOURCE_WORDS: Array<{ row: string; pattern: RegExp; english: string }> = [
  {
    row: "经常预算补充账户",
    pattern:
      /经常预算补充账户|经常预算补充帐户|补充账户|补充帐户|rbsa|regularbudgetsupplementaryaccount|supplementaryaccount/gu,
    english: "Regular Budget Supplementary Account (RBSA)",
  },
  {
    row: "预算外",
    pattern: new RegExp(
      [
        "预算外(?:发展合作)?|发展合作|自愿捐款|extra-?budgetary",
        "|voluntary(?:contributions?|funds?|funding)?|developmentcooperation|xbdc",
      ].join(""),
      "gu",
    ),
    english: "extra-budgetary development cooperation",
  },
  { row: "经常预算", pattern: /经常预算|regularbudget/gu, english: "regular budget" },
  {
    row: "合计",
    pattern: /合计|总计|总额|总(?=支出|预算|战略预算|实际支出)|total|overall|altogether|allsources/gu,
    english: "total",
  },
];

/** Words for each value column, matched to a column whose name starts with `column`. */
const COLUMN_WORDS: Array<{ column: string; pattern: RegExp; english: string }> = [
  {
    column: "实际支出",
    pattern: /实际支出|支出|花费|花了|开支|spent|spend|spending|expenditures?|expended|actual/u,
    english: "actual expenditure",
  },
  {
    column: "战略预算",
    pattern: /战略预算|预算|budget(?:ed)?|planned|allocat(?:ed|ion)|strategic/u,
    english: "strategic budget",
  },
];

interface FundingSelection {
  rows: string[];
  columns: string[];
}

/** Rows and columns the question names; the rows' words are taken out before columns are read. */
function readSelection(compact: string): FundingSelection | undefined {
  let rest = compact;
  const rows: Array<{ at: number; row: string }> = [];
  for (const source of SOURCE_WORDS) {
    for (const match of rest.matchAll(source.pattern)) rows.push({ at: match.index ?? 0, row: source.row });
    rest = rest.replace(source.pattern, (found) => "#".repeat(found.length));
  }
  const columns = COLUMN_WORDS.filter((column) => column.pattern.test(rest)).map((column) => column.column);
  if (rows.length === 0 && columns.length === 0) return undefined;
  const orderedRows = [...new Set(rows.sort((left, right) => left.at - right.at).map((entry) => entry.row))];
  return { rows: orderedRows.length > 0 ? orderedRows : ["合计"], columns };
}

function findRow(table: TableRecord, rowStart: string): TableRow | undefined {
  return table.rows.find((row) => row.label.startsWith(rowStart));
}

function columnIndex(table: TableRecord, columnStart: string): number {
  return table.columns.findIndex((column) => column.startsWith(columnStart));
}

function describe(language: AnswerLanguage, rowStart: string, column: string | undefined): string {
  if (language === "en") {
    const row = SOURCE_WORDS.find((source) => source.row === rowStart)?.english ?? rowStart;
    const columnName = COLUMN_WORDS.find((entry) => entry.column === column)?.english;
    return columnName ? `${columnName} (${row})` : row;
  }
  return column ? `${rowStart === "预算外" ? "预算外发展合作" : rowStart}${column}` : rowStart;
}

function amount(language: AnswerLanguage, cell: TableCell, unit: string | undefined): string {
  if (cell.value === null)
    return language === "en"
      ? `not defined (“${cell.text}” in the report, not zero)`
      : `“${cell.text}”(报告未设定数值，不是 0)`;
  if (language === "en" && unit === "百万美元") return `US$${cell.text} million (${cell.text} 百万美元)`;
  return `${cell.text} ${unit ?? ""}`.trim();
}

function outcomeName(language: AnswerLanguage, outcome: string | undefined): string {
  return language === "en" ? `outcome ${outcome}` : `成果目标 ${outcome}`;
}

function answerTableOf(tables: TableRecord[], rowStarts: string[], chart?: AnswerTable["chart"]): AnswerTable {
  const first = tables[0];
  const rows: AnswerTable["rows"] = [];
  for (const table of tables) {
    for (const rowStart of rowStarts) {
      const row = findRow(table, rowStart);
      if (row)
        rows.push([
          tables.length > 1 ? `成果目标 ${table.outcome} ${row.label}` : row.label,
          ...row.cells.map((cell) => cell.value),
        ]);
    }
  }
  return {
    tableId: first.id,
    caption: tables.length > 1 ? `各成果目标资金来源(${first.unit ?? ""})` : first.caption,
    unit: first.unit,
    columns: [first.labelColumn, ...first.columns],
    rows,
    chart,
  };
}

function answerValue(
  language: AnswerLanguage,
  table: TableRecord,
  selection: FundingSelection,
  recorder: AnswerRecorder,
): string {
  const parts: string[] = [];
  const columns = table.columns.filter(
    (column) => selection.columns.length === 0 || selection.columns.some((asked) => column.startsWith(asked)),
  );
  for (const rowStart of selection.rows) {
    const row = findRow(table, rowStart);
    if (!row) continue;
    const stated = columns.map((column) => {
      const cell = row.cells[columnIndex(table, column)];
      const marker = recorder.stateCell(cell, table.unit, `${outcomeName("zh", table.outcome)} ${row.label} ${column}`);
      const separator = language === "en" ? ": " : "为 ";
      return `${describe(language, rowStart, column)}${separator}${amount(language, cell, table.unit)}${marker}`;
    });
    parts.push(stated.join(language === "en" ? "; " : "，"));
  }
  const period = table.period ?? "";
  return language === "en"
    ? `For ${outcomeName(language, table.outcome)} in ${period}, ${parts.join("; ")}.`
    : `${period} 两年期，${outcomeName(language, table.outcome)}的${parts.join("；")}。`;
}

function answerColumnDifference(
  language: AnswerLanguage,
  table: TableRecord,
  rowStart: string,
  recorder: AnswerRecorder,
): string | undefined {
  const row = findRow(table, rowStart);
  const budget = row?.cells[columnIndex(table, "战略预算")];
  const actual = row?.cells[columnIndex(table, "实际支出")];
  if (!row || !budget || !actual) return undefined;
  const actualMarker = recorder.stateCell(actual, table.unit, `${row.label} 实际支出`);
  const budgetMarker = recorder.stateCell(budget, table.unit, `${row.label} 战略预算`);
  const name = outcomeName(language, table.outcome);
  if (actual.value === null || budget.value === null) {
    return language === "en"
      ? `For ${name}, the ${describe(language, rowStart, undefined)} strategic budget is not defined in the ` +
          `report (“${budget.text}”)${budgetMarker}, so no difference can be computed; actual expenditure ` +
          `was ${amount(language, actual, table.unit)}${actualMarker}.`
      : `${name}的${describe(language, rowStart, undefined)}战略预算在报告中为“${budget.text}”(未` +
          `设定数值)${budgetMarker}，因此无法计算差额；` +
          `实际支出为 ${amount(language, actual, table.unit)}${actualMarker}。`;
  }
  const difference = showDifference(actual.text, budget.text);
  const percent = showPercentChange(budget.text, actual.text);
  const citation = recorder.cite(row.cells[0].chunkId);
  recorder.stateDerived(difference.text, table.unit, `${row.label} 实际支出与战略预算之差`, difference.shown, citation);
  if (percent)
    recorder.stateDerived(percent.text, "%", `${row.label} 实际支出相对战略预算的变化`, percent.shown, citation);
  const over = difference.value >= 0;
  if (language === "en") {
    return (
      `For ${name}, ${describe(language, rowStart, "实际支出")} ` +
      `was ${amount(language, actual, table.unit)}${actualMarker} against a strategic budget ` +
      `of ${amount(language, budget, table.unit)}${budgetMarker}: ${difference.shown} ${table.unit ?? ""} ` +
      `(${over ? "over" : "under"} budget${percent ? `, ${percent.text}%` : ""}).`
    );
  }
  return (
    `${name}的${describe(language, rowStart, "实际支出")}为` +
    ` ${amount(language, actual, table.unit)}${actualMarker}，` +
    `战略预算为 ${amount(language, budget, table.unit)}${budgetMarker}；` +
    `实际支出比战略预算${over ? "高出" : "低"} ${difference.text.replace("−", "")} ${table.unit ?? ""}：` +
    `${difference.shown} ${table.unit ?? ""}${percent ? `（${percent.text}%）` : ""}。`
  );
}

function answerAcrossOutcomes(
  language: AnswerLanguage,
  intent: QuestionIntent,
  tables: TableRecord[],
  selection: FundingSelection,
  recorder: AnswerRecorder,
): { text: string; chart: AnswerTable["chart"] } | undefined {
  const rowStart = selection.rows[0];
  const column = selection.columns[0] ?? "实际支出";
  const cells = tables.map((table) => ({ table, cell: findRow(table, rowStart)?.cells[columnIndex(table, column)] }));
  if (cells.some((entry) => !entry.cell)) return undefined;
  const stated = cells.map(({ table, cell }) => {
    const marker = recorder.stateCell(
      cell as TableCell,
      table.unit,
      `${outcomeName("zh", table.outcome)} ${rowStart} ${column}`,
    );
    const separator = language === "en" ? ": " : " ";
    return (
      `${outcomeName(language, table.outcome)}${separator}` +
      `${amount(language, cell as TableCell, table.unit)}${marker}`
    );
  });
  const unit = tables[0].unit ?? "";
  const what = describe(language, rowStart, column);
  let conclusion = "";
  const defined = cells.filter((entry) => entry.cell?.value !== null);
  if (intent.operation === "sum" && defined.length === cells.length) {
    const sum = showSum(cells.map((entry) => (entry.cell as TableCell).text));
    recorder.stateDerived(sum.text, unit, `${what} 之和`, sum.shown, 1);
    conclusion = language === "en" ? ` Together: ${sum.shown} ${unit}.` : `合计：${sum.shown} ${unit}。`;
  } else if (cells.length === 2 && defined.length === 2) {
    const [first, second] = cells as Array<{ table: TableRecord; cell: TableCell }>;
    const difference = showDifference(first.cell.text, second.cell.text);
    recorder.stateDerived(difference.text, unit, `${what} 之差`, difference.shown, 1);
    const higher = difference.value >= 0 ? first.table : second.table;
    conclusion =
      language === "en"
        ? ` ${outcomeName(language, higher.outcome)} is higher: ${difference.shown} ${unit}.`
        : `${outcomeName(language, higher.outcome)}更高，差额为 ${difference.shown} ${unit}。`;
  }
  const chart = {
    type: "bar" as const,
    labels: tables.map((table) => outcomeName(language, table.outcome)),
    series: [
      { name: what, values: cells.map((entry) => (typeof entry.cell?.value === "number" ? entry.cell.value : null)) },
    ],
  };
  const text =
    language === "en"
      ? `${what[0].toUpperCase()}${what.slice(1)} in ${tables[0].period}: ${stated.join("; ")}.${conclusion}`
      : `${tables[0].period} 两年期${what}：${stated.join("；")}。${conclusion}`;
  return { text, chart };
}

function answerRanking(
  language: AnswerLanguage,
  intent: QuestionIntent,
  store: TableStore,
  selection: FundingSelection,
  recorder: AnswerRecorder,
): TableAnswer | null {
  const rowStart = selection.rows[0];
  const column = selection.columns[0] ?? "实际支出";
  const entries = store.ofKind("funding").flatMap((table) => {
    const cell = findRow(table, rowStart)?.cells[columnIndex(table, column)];
    return cell && typeof cell.value === "number" ? [{ table, cell, value: cell.value }] : [];
  });
  if (entries.length < 2) return null;
  entries.sort((left, right) => (intent.direction === "lowest" ? left.value - right.value : right.value - left.value));
  const what = describe(language, rowStart, column);
  const shown = entries.slice(0, 3).map(({ table, cell }) => {
    const marker = recorder.stateCell(cell, table.unit, `${outcomeName("zh", table.outcome)} ${rowStart} ${column}`);
    return `${outcomeName(language, table.outcome)} ${amount(language, cell, table.unit)}${marker}`;
  });
  const top = entries[0];
  const extreme =
    intent.direction === "lowest" ? (language === "en" ? "lowest" : "最低") : language === "en" ? "highest" : "最高";
  const text =
    language === "en"
      ? `The ${extreme} ${what} in ${top.table.period} was ` +
        `for ${outcomeName(language, top.table.outcome)}: ${shown[0]}. Next: ${shown.slice(1).join("; ")}.`
      : `${top.table.period} 两年期${what}${extreme}的是${outcomeName(language, top.table.outcome)}：` +
        `${amount(language, top.cell, top.table.unit)}${shown[0].slice(shown[0].lastIndexOf("["))}；` +
        `其后为 ${shown.slice(1).join("，")}。`;
  const tables = entries.map((entry) => entry.table);
  const chart = {
    type: "bar" as const,
    labels: tables.map((table) => outcomeName(language, table.outcome)),
    series: [{ name: what, values: entries.map((entry) => entry.value) }],
  };
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: answerTableOf(tables, [rowStart], chart),
  };
}

/**
 * Answers a question on the outcomes' funding tables: a value, budget against expenditure,
 * a comparison or sum across outcomes, or a ranking of outcomes. `null` when the question names
 * no source of funds or budget column, or asks for a share.
 */
export function answerFunding(intent: QuestionIntent, store: TableStore, language: AnswerLanguage): TableAnswer | null {
  if (intent.asksShare) return null;
  const selection = readSelection(intent.compact);
  if (!selection) return null;
  const recorder = new AnswerRecorder();
  const asksAcrossOutcomes = intent.outcomes.length === 0 && /成果目标|outcome/u.test(intent.compact);
  if (intent.operation === "ranking" && (asksAcrossOutcomes || intent.outcomes.length !== 1))
    return answerRanking(language, intent, store, selection, recorder);
  const tables = intent.outcomes
    .map((outcome) => store.get(`funding-outcome-${outcome}`))
    .filter((table): table is TableRecord => table !== undefined);
  if (tables.length === 0 || tables.length !== intent.outcomes.length) return null;
  if (tables.length > 1) {
    const across = answerAcrossOutcomes(language, intent, tables, selection, recorder);
    if (!across) return null;
    const { text, chart } = across;
    return {
      text,
      citedChunkIds: recorder.citedChunkIds,
      figures: recorder.figures,
      table: answerTableOf(tables, [selection.rows[0]], chart),
    };
  }
  const [table] = tables;
  if (selection.rows.length > 1 && intent.operation === "sum") {
    const cells = selection.rows.map(
      (rowStart) => findRow(table, rowStart)?.cells[columnIndex(table, selection.columns[0] ?? "实际支出")],
    );
    if (cells.some((cell) => !cell || cell.value === null)) return null;
    const column = selection.columns[0] ?? "实际支出";
    const markers = cells.map((cell, index) => {
      const marker = recorder.stateCell(cell as TableCell, table.unit, `${selection.rows[index]} ${column}`);
      return (
        `${describe(language, selection.rows[index], undefined)} ` +
        `${amount(language, cell as TableCell, table.unit)}${marker}`
      );
    });
    const sum = showSum(cells.map((cell) => (cell as TableCell).text));
    recorder.stateDerived(sum.text, table.unit, `${column} 之和`, sum.shown, 1);
    const text =
      language === "en"
        ? `For ${outcomeName(language, table.outcome)},` +
          ` ${describe(language, "合计", column)}: ${markers.join(" + ")} ` +
          `→ ${sum.shown} ${table.unit ?? ""}.`
        : `${outcomeName(language, table.outcome)}的${column}：${markers.join("，")}；` +
          `合计 ${sum.shown} ${table.unit ?? ""}。`;
    return {
      text,
      citedChunkIds: recorder.citedChunkIds,
      figures: recorder.figures,
      table: answerTableOf([table], selection.rows),
    };
  }
  const comparesColumns =
    intent.operation === "difference" &&
    (selection.columns.length === 2 || selection.columns.length === 0 || /预算|budget/u.test(intent.compact));
  const text = comparesColumns
    ? answerColumnDifference(language, table, selection.rows[0], recorder)
    : answerValue(language, table, selection, recorder);
  if (!text) return null;
  const chart = comparesColumns
    ? {
        type: "bar" as const,
        labels: table.columns,
        series: [
          {
            name: selection.rows[0],
            values: (findRow(table, selection.rows[0])?.cells ?? []).map((cell) =>
              typeof cell.value === "number" ? cell.value : null,
            ),
          },
        ],
      }
    : undefined;
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: answerTableOf([table], selection.rows, chart),
  };
}
