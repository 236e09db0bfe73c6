import { contentWords } from "../text/segmenter.js";
import type { QuestionIntent } from "./question-intent.js";
import { type AnswerLanguage, AnswerRecorder, type TableAnswer } from "./table-answer.js";
import type { FigureRecord } from "./table-record.js";
import type { TableStore } from "./table-store.js";

/** Words asking for a quantity. */
const ASKS_QUANTITY = /多少|几个|几项|几名|几场|多大|多高|多快|数额|总额|金额|规模|比例是|百分比是/u;

/** Words that say nothing about which figure is meant. */
const GENERIC_WORD = /^(?:多少|几|是|为|有|了|达到|一共|总共|大概|大约|两年期|期间|年|\d+)$/u;

/** Share of the question's words the sentence must hold. */
const SENTENCE_MATCH_SHARE = 0.6;

/** Units a question's words call for. */
const EXPECTED_UNITS: Array<{ asks: RegExp; unit: RegExp }> = [
  { asks: /美元|钱|资金|预算|支出|捐款|经费|花/u, unit: /美元/u },
  { asks: /国家/u, unit: /国家|个/u },
  { asks: /比例|百分比|占|份额|率/u, unit: /%|百分点/u },
  { asks: /多少人|人数|名/u, unit: /人|名|万|亿/u },
];

function compactText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "").toLowerCase();
}

function share(words: string[], text: string): number {
  const haystack = compactText(text);
  return words.length === 0 ? 0 : words.filter((word) => haystack.includes(word)).length / words.length;
}

function unitFits(question: string, figure: FigureRecord): number {
  const expected = EXPECTED_UNITS.filter((entry) => entry.asks.test(question));
  if (expected.length === 0) return 0;
  return expected.some((entry) => entry.unit.test(figure.unit ?? "")) ? 1 : -1;
}

/**
 * Answers a Chinese question asking for a quantity the running text states (budget totals,
 * numbers of results or countries …) with the figure whose sentence holds the question's words.
 */
export function answerStatedFigures(
  question: string,
  intent: QuestionIntent,
  store: TableStore,
  language: AnswerLanguage,
): TableAnswer | null {
  if (language !== "zh" || !ASKS_QUANTITY.test(intent.compact)) return null;
  const words = [...new Set(contentWords(question).map(compactText))].filter((word) => !GENERIC_WORD.test(word));
  if (words.length < 2) return null;
  const scored = store.figures
    .map((figure) => {
      const sentenceShare = share(words, figure.sentence);
      return {
        figure,
        sentenceShare,
        score: sentenceShare + 0.5 * share(words, figure.label) + 0.3 * unitFits(intent.compact, figure),
      };
    })
    // A year the question names that the sentence does not is another period: not this figure.
    .filter(
      (entry) =>
        entry.sentenceShare >= SENTENCE_MATCH_SHARE &&
        intent.years.every((year) => entry.figure.sentence.includes(year)),
    )
    .sort((left, right) => right.score - left.score);
  const best = scored[0];
  if (!best) return null;
  const figure = best.figure;
  const recorder = new AnswerRecorder();
  const citation = recorder.cite(figure.chunkId);
  recorder.figures.push({
    value: figure.value,
    unit: figure.unit,
    label: figure.label,
    citation,
    source: { citation, span: figure.span, start: figure.start },
    status: "verified",
  });
  const text = `${`${figure.value} ${figure.unit ?? ""}`.trim()}：${figure.sentence}[${citation}]`;
  return {
    text,
    citedChunkIds: recorder.citedChunkIds,
    figures: recorder.figures,
    table: {
      tableId: figure.id,
      caption: figure.section || figure.label,
      unit: figure.unit,
      columns: ["说明", "数值"],
      rows: [[figure.label, figure.numeric]],
    },
  };
}
