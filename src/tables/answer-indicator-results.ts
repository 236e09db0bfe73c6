import { contentWords } from "../text/segmenter.js";
import type { QuestionIntent } from "./question-intent.js";
import { type AnswerLanguage, AnswerRecorder, type TableAnswer } from "./table-answer.js";
import type { TableRecord, TableRow } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** Words asking how far targets were met. */
const RESULT_WORDS = /成果|结果|达成|完成|实现|目标|情况|如何|怎样|result|achiev|met|target|status|progress/u;

/** Share of the question's words a row must hold to be the one asked about. */
const ROW_MATCH_SHARE = 0.6;

const STATUS_ENGLISH: Record<string, string> = {
  达成: "achieved",
  未达成: "not achieved",
  部分达成: "partly achieved",
  信息不足: "not enough information",
};

function compactText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

/** Each row's label and first value as questions are compared with them, made once per row. */
const rowTexts = new WeakMap<TableRow, string>();

function rowScore(row: TableRow, words: string[]): number {
  let haystack = rowTexts.get(row);
  if (haystack === undefined) {
    haystack = compactText(`${row.label}${String(row.cells[0].value ?? "")}`);
    rowTexts.set(row, haystack);
  }
  return words.length === 0 ? 0 : words.filter((word) => haystack.includes(word)).length / words.length;
}

/** Content words of the question that are not about targets and results in general. */
function specificWords(question: string): string[] {
  return [...new Set(contentWords(question).map(compactText))].filter(
    (word) => !RESULT_WORDS.test(word) && !/^(?:指标|成果目标|[a-c]|\d+|实际|多少|分别)$/u.test(word),
  );
}

function statusOf(row: TableRow): string {
  return String(row.cells[1].value ?? "");
}

function describeRow(row: TableRow, language: AnswerLanguage, marker: string): string {
  const target = String(row.cells[0].value ?? "");
  const result = String(row.cells[2].value ?? "");
  return language === "en"
    ? `criterion “${row.label}”, target “${target}”: ${STATUS_ENGLISH[statusOf(row)] ?? statusOf(row)} ` +
        `(${statusOf(row)}) — ${result}${marker}`
    : `成功标准“${row.label}”，目标“${target}”：${result}${marker}`;
}

function answerOf(table: TableRecord, rows: TableRow[], language: AnswerLanguage): TableAnswer {
  const recorder = new AnswerRecorder();
  const described = rows.map((row) => describeRow(row, language, `[${recorder.cite(row.cells[1].chunkId)}]`));
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(statusOf(row), (counts.get(statusOf(row)) ?? 0) + 1);
  const tally = [...counts]
    .map(([status, count]) =>
      language === "en" ? `${count} ${STATUS_ENGLISH[status] ?? status}` : `${status} ${count} 项`,
    )
    .join(language === "en" ? ", " : "，");
  const text =
    rows.length === 1
      ? language === "en"
        ? `${table.caption}: ${described[0]}.`
        : `${table.caption}——${described[0]}。`
      : language === "en"
        ? `${table.caption} (${rows.length} ` +
          `targets: ${tally}). ${described.map((entry, index) => `${index + 1}. ${entry}`).join(" ")}`
        : `${table.caption}（共 ${rows.length} ` +
          `项目标：${tally}）。${described.map((entry, index) => `${index + 1}. ${entry}`).join("；")}。`;
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: {
      tableId: table.id,
      caption: table.caption,
      columns: [table.labelColumn, ...table.columns],
      rows: rows.map((row) => [row.label, ...row.cells.map((cell) => cell.value)]),
    },
  };
}

/**
 * Answers a question on the Appendix II indicator tables: the targets and results of a named
 * indicator (`指标 A.1`), or the one criterion the question describes closely enough.
 */
export function answerIndicatorResults(
  question: string,
  intent: QuestionIntent,
  store: TableStore,
  language: AnswerLanguage,
): TableAnswer | null {
  if (!RESULT_WORDS.test(intent.compact)) return null;
  const words = specificWords(question);
  if (intent.indicator) {
    const table = store.get(`indicator-results-${intent.indicator}`);
    if (!table) return null;
    const scored = table.rows
      .map((row) => ({ row, score: rowScore(row, words) }))
      .sort((left, right) => right.score - left.score);
    const focused =
      scored[0] && scored[0].score >= ROW_MATCH_SHARE && words.length >= 2 && scored[0].score > (scored[1]?.score ?? 0);
    return answerOf(table, focused ? [scored[0].row] : table.rows, language);
  }
  if (intent.outcomes.some((outcome) => /^\d+$/u.test(outcome)) || words.length < 3) return null;
  const scored = store
    .ofKind("indicator-results")
    .flatMap((table) => table.rows.map((row) => ({ table, row, score: rowScore(row, words) })))
    .sort((left, right) => right.score - left.score);
  const best = scored[0];
  if (!best || best.score < ROW_MATCH_SHARE || best.score - (scored[1]?.score ?? 0) < 0.15) return null;
  return answerOf(best.table, [best.row], language);
}
