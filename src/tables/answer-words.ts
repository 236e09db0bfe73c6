/**
 * The fixed words of a table answer in the answer's language, and the names of a Chinese report's
 * rows and tables in English, from the report's own bilingual pairs.
 *
 * @module
 */
import { TOTAL_ROW } from "./parse-layout-tables.js";
import { compactOf } from "./question-intent.js";
import type { AnswerLanguage } from "./table-answer.js";

export interface AnswerWords {
  is: string;
  listSeparator: string;
  clauseSeparator: string;
  end: string;
  total: string;
  difference: string;
  /** The difference as a share of the amount compared with. */
  relative: string;
  share: string;
  change: string;
  highest: string;
  lowest: string;
  next: string;
  /** Said of a cell the report leaves without a value. */
  noValue: (written: string) => string;
  /** Said when a difference or a sum cannot be computed from a cell without a value. */
  cannotCompute: string;
  percentagePoints: string;
  /** The table's caption with its leading noun (`表`, `Table`) in the answer's language. */
  caption: (caption: string) => string;
  /** A cell's number with its unit. */
  amount: (written: string, unit: string | undefined) => string;
  /** A year column's heading. */
  year: (year: string) => string;
  /** A column whose heading could not be read, by its place. */
  column: (place: string) => string;
}

/** Units of Chinese tables, as an English answer writes them. */
const ENGLISH_UNITS: Record<string, string> = {
  百万美元: "US$ million",
  美元: "US$",
  千美元: "US$ thousand",
  亿美元: "US$ 100 million",
  元: "yuan",
  万元: "10,000 yuan",
  亿元: "100 million yuan",
  件: "",
  个: "",
  人: "people",
  百分比: "%",
};

function withUnit(written: string, unit: string | undefined, language: AnswerLanguage): string {
  if (!unit) return written;
  if (unit === "%") return written.endsWith("%") ? written : `${written}%`;
  const shown = language === "en" ? (ENGLISH_UNITS[unit] ?? unit) : unit;
  return shown === "" ? written : `${written} ${shown}`;
}

const CHINESE: AnswerWords = {
  is: "为 ",
  listSeparator: "，",
  clauseSeparator: "；",
  end: "。",
  total: "合计",
  difference: "差额",
  relative: "相对差",
  share: "占比",
  change: "变化",
  highest: "最高",
  lowest: "最低",
  next: "其后为",
  noValue: (written) => `“${written}”（报告未给出数值，并非零）`,
  cannotCompute: "因此无法计算",
  percentagePoints: "个百分点",
  caption: (caption) => caption,
  amount: (written, unit) => withUnit(written, unit, "zh"),
  year: (year) => `${year} 年`,
  column: (place) => `第 ${place} 列`,
};

const ENGLISH: AnswerWords = {
  is: ": ",
  listSeparator: "; ",
  clauseSeparator: ". ",
  end: ".",
  total: "Total",
  difference: "Difference",
  relative: "Relative difference",
  share: "Share",
  change: "Change",
  highest: "highest",
  lowest: "lowest",
  next: "then",
  noValue: (written) => `not defined (“${written}” in the report, not zero)`,
  cannotCompute: "so it cannot be computed",
  percentagePoints: "percentage points",
  caption: (caption) => caption.replace(/^表\s*/u, "Table "),
  amount: (written, unit) => withUnit(written, unit, "en"),
  year: (year) => year,
  column: (place) => `column ${place}`,
};

export function answerWords(language: AnswerLanguage): AnswerWords {
  return language === "en" ? ENGLISH : CHINESE;
}

/** English names for a Chinese report's terms, from its bilingual pairs: `预算外发展合作` → `extra-budgetary …`. */
export type EnglishNames = (chinese: string) => string | undefined;

/** English names looked up by the whole Chinese term (spacing and case aside). */
export function englishNamesFrom(pairs: Array<{ en: string; zh: string }>): EnglishNames {
  const byChinese = new Map<string, string>();
  for (const pair of pairs) {
    const key = compactOf(pair.zh);
    // The longest English name is the one spelt out (`regular budget supplementary account`, not `RBSA`).
    if (key !== "" && pair.en.length > (byChinese.get(key)?.length ?? 0)) byChinese.set(key, pair.en);
  }
  return (chinese) => byChinese.get(compactOf(chinese));
}

/** A label as an English answer writes it: `English (中文)` when the report pairs it with English. */
export function labelIn(language: AnswerLanguage, label: string, english: EnglishNames | undefined): string {
  if (language !== "en" || !/\p{Script=Han}/u.test(label)) return label;
  const name = english?.(label) ?? english?.(label.split(/[(（]/u)[0]) ?? (TOTAL_ROW.test(label) ? "Total" : undefined);
  return name ? `${name} (${label})` : label;
}
