import type { QuestionIntent } from "./question-intent.js";
import { type AnswerLanguage, AnswerRecorder, showDifference, type TableAnswer } from "./table-answer.js";
import type { TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** Other names of the indicators, each pointing to words of the printed row name. */
const INDICATOR_SYNONYMS: Array<{ pattern: RegExp; nameHolds: string; english: string }> = [
  {
    pattern: /就业人口比|employment-?to-?populationratio|employment-?to-?population/u,
    nameHolds: "就业人口比",
    english: "employment-to-population ratio",
  },
  { pattern: /在职贫困|工作贫困|劳动贫困|workingpoverty/u, nameHolds: "在职贫困率", english: "working poverty rate" },
  {
    pattern: /人均实际gdp|gdp.{0,6}增长率|劳动生产率|gdpperpersonemployed|outputperworker|labou?rproductivity/u,
    nameHolds: "GDP",
    english: "annual growth rate of real GDP per employed person",
  },
  { pattern: /失业率|unemploymentrate|unemployment/u, nameHolds: "失业率", english: "unemployment rate" },
  {
    pattern: /未接受教育|无就业的青年|neet|notinemployment,?education/u,
    nameHolds: "未接受教育",
    english: "share of youth not in employment, education or training (NEET)",
  },
  {
    pattern: /管理职务|管理职位|女性管理者|womeninmanagement|managerialpositions?/u,
    nameHolds: "管理职务",
    english: "share of women in managerial positions",
  },
  {
    pattern: /社会保护底线|社会保护覆盖|社保覆盖|制度覆盖|socialprotectioncoverage|socialprotection/u,
    nameHolds: "社会保护",
    english: "share of the population covered by social protection floors/systems",
  },
];

/** Words naming a breakdown row, and the label it starts with. */
const BREAKDOWN_WORDS: Array<{ pattern: RegExp; labelStart: string; english: string }> = [
  { pattern: /女性|妇女|女|women|female/u, labelStart: "女性", english: "women" },
  { pattern: /男性|男|(?<!wo)men|(?<!fe)male/u, labelStart: "男性", english: "men" },
  { pattern: /青年|年轻人|youth|young/u, labelStart: "青年", english: "youth (15-24)" },
];

interface RowChoice {
  row: TableRow;
  english: string;
}

function chooseRow(table: TableRecord, compact: string): RowChoice | undefined {
  const mainRows = table.rows.filter((row) => row.parent === undefined);
  for (const synonym of INDICATOR_SYNONYMS) {
    const match = synonym.pattern.exec(compact);
    if (!match) continue;
    const main = mainRows.find((row) => row.label.includes(synonym.nameHolds));
    if (!main) continue;
    const rest = compact
      .replace(synonym.pattern, "#")
      .replace(main.name.normalize("NFKC").replace(/\s+/gu, "").toLowerCase(), "#");
    const breakdown = BREAKDOWN_WORDS.find((words) => words.pattern.test(rest));
    const subRow = breakdown
      ? table.rows.find((row) => row.parent === main.name && row.label.startsWith(breakdown.labelStart))
      : undefined;
    if (breakdown && !subRow && !breakdown.pattern.test(main.label)) return undefined;
    return {
      row: subRow ?? main,
      english: breakdown && subRow ? `${synonym.english}, ${breakdown.english}` : synonym.english,
    };
  }
  return undefined;
}

function rowTitle(row: TableRow): string {
  return row.parent ? `${row.parent}（${row.label}）` : row.name;
}

/**
 * Answers a question on the decent-work indicator table: a year's value, or the series over the
 * years with its change (a line chart). `null` when no indicator row is named.
 */
export function answerIndicatorTrends(
  intent: QuestionIntent,
  store: TableStore,
  language: AnswerLanguage,
): TableAnswer | null {
  if (intent.outcomes.length > 0) return null;
  for (const table of store.ofKind("indicator-trends")) {
    const choice = chooseRow(table, intent.compact);
    if (!choice) continue;
    const yearIndexes = intent.years.map((year) => table.columns.indexOf(year));
    if (yearIndexes.some((index) => index < 0)) return null;
    const unit = table.unit;
    const recorder = new AnswerRecorder();
    const title = language === "en" ? choice.english : rowTitle(choice.row);
    const asksSeries = intent.years.length !== 1 || intent.operation === "trend" || intent.operation === "difference";
    const indexes =
      intent.years.length >= 2
        ? Array.from(
            { length: yearIndexes[yearIndexes.length - 1] - yearIndexes[0] + 1 },
            (_, offset) => yearIndexes[0] + offset,
          )
        : intent.years.length === 1 && !asksSeries
          ? yearIndexes
          : table.columns.map((_, index) => index);
    const stated = indexes.map((index) => {
      const cell = choice.row.cells[index];
      const value =
        cell.value === null ? (language === "en" ? "no value (–)" : "无数值(–)") : `${cell.text}${unit ?? ""}`;
      const marker = recorder.stateCell(cell, unit, `${rowTitle(choice.row)} ${table.columns[index]}`);
      return `${table.columns[index]}${language === "en" ? ": " : " 年 "}${value}${marker}`;
    });
    let change = "";
    const first = choice.row.cells[indexes[0]];
    const last = choice.row.cells[indexes[indexes.length - 1]];
    if (indexes.length > 1 && first.value !== null && last.value !== null) {
      const difference = showDifference(last.text, first.text);
      recorder.stateDerived(
        difference.text,
        "个百分点",
        `${rowTitle(choice.row)} ${table.columns[indexes[0]]}-${table.columns[indexes[indexes.length - 1]]} 变化`,
        difference.shown,
        1,
      );
      change =
        language === "en"
          ? ` Change ${table.columns[indexes[0]]}–${table.columns[indexes[indexes.length - 1]]}: ${difference.shown} ` +
            `percentage points.`
          : `${table.columns[indexes[0]]} 至 ${table.columns[indexes[indexes.length - 1]]} ` +
            `年变化：${difference.shown} 个百分点。`;
    }
    const text =
      language === "en"
        ? `${title[0].toUpperCase()}${title.slice(1)} (${unit ?? ""}): ${stated.join("; ")}.${change}`
        : `${title}(${unit ?? ""})：${stated.join("，")}。${change}`;
    const chart =
      indexes.length > 1
        ? {
            type: "line" as const,
            labels: indexes.map((index) => table.columns[index]),
            series: [
              {
                name: rowTitle(choice.row),
                values: indexes.map((index) => choice.row.cells[index].value as number | null),
              },
            ],
          }
        : undefined;
    return {
      text,
      citedChunkIds: recorder.citedChunkIds,
      figures: recorder.figures,
      table: {
        tableId: table.id,
        caption: table.caption,
        unit,
        columns: [table.labelColumn, ...indexes.map((index) => table.columns[index])],
        rows: [[rowTitle(choice.row), ...indexes.map((index) => choice.row.cells[index].value)]],
        chart,
      },
    };
  }
  return null;
}
