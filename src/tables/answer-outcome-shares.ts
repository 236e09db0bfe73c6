import type { QuestionIntent } from "./question-intent.js";
import { type AnswerLanguage, AnswerRecorder, type TableAnswer } from "./table-answer.js";
import type { TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** Words asking about departments' and regions' input into an outcome. */
const SHARE_WORDS = /投入|占|份额|比例|百分比|司局|司|区域计划|地区计划|部门|图i\.|share|percent|department|region/u;

/** The residual slice, left out of rankings. */
const OTHERS = /^其他$/u;

function compactLabel(label: string): string {
  return label.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

/** A row named in the question: its label, or its label without a trailing `计划` (programme). */
function namedRow(table: TableRecord, compact: string): TableRow | undefined {
  const candidates = table.rows
    .filter((row) => !OTHERS.test(row.label))
    .map((row) => ({
      row,
      names: [compactLabel(row.label), compactLabel(row.label).replace(/计划$/u, "")].filter(
        (name) => name.length >= 2,
      ),
    }))
    .filter((entry) => entry.names.some((name) => compact.includes(name)));
  candidates.sort((left, right) => right.names[0].length - left.names[0].length);
  return candidates[0]?.row;
}

/**
 * Answers a question on Appendix I: a department's or region's share of an outcome's spending,
 * or which of them weighs most. `null` unless one outcome and a share or a named row is asked.
 */
export function answerOutcomeShares(
  intent: QuestionIntent,
  store: TableStore,
  language: AnswerLanguage,
): TableAnswer | null {
  if (intent.outcomes.length !== 1) return null;
  const table = store.get(`shares-outcome-${intent.outcomes[0]}`);
  if (!table) return null;
  const row = namedRow(table, intent.compact);
  const recorder = new AnswerRecorder();
  const outcome = language === "en" ? `outcome ${table.outcome}` : `成果目标 ${table.outcome}`;
  // A department named without a word of shares ("成果目标 3 社会保护底线的支出") is the outcome's own
  // title.
  if (row && intent.operation !== "ranking" && SHARE_WORDS.test(intent.compact)) {
    const marker = recorder.stateCell(row.cells[0], "%", `${row.label} 在${outcome}上的投入占比`);
    const text =
      language === "en"
        ? `${row.label} accounted for ${row.cells[0].text} of the input into ${outcome} (${table.caption})${marker}.`
        : `在${outcome}上，${row.label}的投入占该成果目标总支出的` +
          ` ${row.cells[0].text}${marker}（${table.caption}）。`;
    return {
      text,
      citedChunkIds: recorder.citedChunkIds,
      figures: recorder.figures,
      table: {
        tableId: table.id,
        caption: table.caption,
        unit: "%",
        columns: [table.labelColumn, ...table.columns],
        rows: [[row.label, row.cells[0].value]],
      },
    };
  }
  if (intent.operation !== "ranking" || !SHARE_WORDS.test(intent.compact)) return null;
  const ranked = table.rows.filter((entry) => !OTHERS.test(entry.label) && typeof entry.cells[0].value === "number");
  ranked.sort(
    (left, right) =>
      (intent.direction === "lowest" ? 1 : -1) * ((left.cells[0].value as number) - (right.cells[0].value as number)),
  );
  const stated = ranked.slice(0, 3).map((entry) => {
    const marker = recorder.stateCell(entry.cells[0], "%", `${entry.label} 在${outcome}上的投入占比`);
    return `${entry.label} ${entry.cells[0].text}${marker}`;
  });
  const extreme =
    intent.direction === "lowest" ? (language === "en" ? "smallest" : "最小") : language === "en" ? "largest" : "最大";
  const text =
    language === "en"
      ? `The ${extreme} share of input into ${outcome}: ${stated[0]}; then ${stated.slice(1).join("; ")} ` +
        `(${table.caption}).`
      : `在${outcome}上投入占比${extreme}的是 ${stated[0]}；` +
        `其后为 ${stated.slice(1).join("，")}（${table.caption}）。`;
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: {
      tableId: table.id,
      caption: table.caption,
      unit: "%",
      columns: [table.labelColumn, ...table.columns],
      rows: table.rows.map((entry) => [entry.label, entry.cells[0].value]),
      chart: {
        type: "bar",
        labels: ranked.map((entry) => entry.label),
        series: [{ name: table.columns[0], values: ranked.map((entry) => entry.cells[0].value as number) }],
      },
    },
  };
}
