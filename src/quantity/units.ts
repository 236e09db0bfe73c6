/** The units a quantity can be written in, with the kind of quantity each measures and its base unit. */

/** What a quantity measures. Dates and identifiers are found so that they are kept apart from figures. */
export type QuantityKind =
  | "money"
  | "percent"
  | "percentage-point"
  | "multiple"
  | "count"
  | "duration"
  | "length"
  | "mass"
  | "area"
  | "number"
  | "date"
  | "identifier";

/** A unit written after a number. */
export interface UnitWord {
  kind: QuantityKind;
  /** Base unit the value is expressed in: `USD`, `CNY`, `%`, `pp`, `m`, `kg`, `month`, a classifier … */
  unit: string;
  /** Base units in one of this unit. */
  factor: number;
}

/** Currency signs and codes written before a number. */
export const CURRENCY_BEFORE: Array<[string, string]> = [
  ["US$", "USD"],
  ["USD", "USD"],
  ["US dollars", "USD"],
  ["$", "USD"],
  ["€", "EUR"],
  ["EUR", "EUR"],
  ["£", "GBP"],
  ["GBP", "GBP"],
  ["CHF", "CHF"],
  ["¥", "CNY"],
  ["RMB", "CNY"],
  ["CNY", "CNY"],
  ["人民币", "CNY"],
];

/** Scale words written between a number and its unit, in English. */
export const ENGLISH_SCALES: Array<[string, number]> = [
  ["thousand", 1e3],
  ["million", 1e6],
  ["millions", 1e6],
  ["billion", 1e9],
  ["billions", 1e9],
  ["trillion", 1e12],
  ["mn", 1e6],
  ["bn", 1e9],
];

/** Short English scales ("US$868m", "$5k") that only count as scales right after a currency amount. */
export const SHORT_SCALES: Array<[string, number]> = [
  ["m", 1e6],
  ["k", 1e3],
  ["b", 1e9],
];

const CURRENCY_AFTER: Array<[string, string]> = [
  ["美元", "USD"],
  ["美金", "USD"],
  ["元人民币", "CNY"],
  ["人民币", "CNY"],
  ["元", "CNY"],
  ["欧元", "EUR"],
  ["英镑", "GBP"],
  ["瑞士法郎", "CHF"],
  ["法郎", "CHF"],
  ["USD", "USD"],
  ["US dollars", "USD"],
  ["dollars", "USD"],
  ["dollar", "USD"],
  ["euros", "EUR"],
  ["euro", "EUR"],
  ["EUR", "EUR"],
  ["pounds", "GBP"],
  ["GBP", "GBP"],
  ["Swiss francs", "CHF"],
  ["CHF", "CHF"],
];

/** Classifiers of counted things; those in one group count the same things. */
const CLASSIFIERS = [
  "个",
  "项",
  "名",
  "位",
  "人",
  "份",
  "次",
  "场",
  "种",
  "家",
  "所",
  "国",
  "件",
  "条",
  "批",
  "届",
  "例",
  "部",
  "篇",
  "本",
  "类",
  "组",
  "轮",
  "座",
  "台",
  "起",
  "笔",
  "处",
  "期",
  "支",
  "栋",
  "门",
];

/** Classifiers that count the same things: people. */
const SAME_CLASSIFIER: Record<string, string> = { 人: "名", 位: "名" };

const OTHER_UNITS: Array<[string, UnitWord]> = [
  ["%", { kind: "percent", unit: "%", factor: 1 }],
  ["per cent", { kind: "percent", unit: "%", factor: 1 }],
  ["percent", { kind: "percent", unit: "%", factor: 1 }],
  ["个百分点", { kind: "percentage-point", unit: "pp", factor: 1 }],
  ["百分点", { kind: "percentage-point", unit: "pp", factor: 1 }],
  ["percentage points", { kind: "percentage-point", unit: "pp", factor: 1 }],
  ["percentage point", { kind: "percentage-point", unit: "pp", factor: 1 }],
  ["倍", { kind: "multiple", unit: "×", factor: 1 }],
  ["times", { kind: "multiple", unit: "×", factor: 1 }],
  ["-fold", { kind: "multiple", unit: "×", factor: 1 }],
  ["fold", { kind: "multiple", unit: "×", factor: 1 }],
  ["平方公里", { kind: "area", unit: "km²", factor: 1 }],
  ["km²", { kind: "area", unit: "km²", factor: 1 }],
  ["square kilometres", { kind: "area", unit: "km²", factor: 1 }],
  ["公里", { kind: "length", unit: "m", factor: 1000 }],
  ["千米", { kind: "length", unit: "m", factor: 1000 }],
  ["km", { kind: "length", unit: "m", factor: 1000 }],
  ["kilometres", { kind: "length", unit: "m", factor: 1000 }],
  ["kilometers", { kind: "length", unit: "m", factor: 1000 }],
  ["米", { kind: "length", unit: "m", factor: 1 }],
  ["metres", { kind: "length", unit: "m", factor: 1 }],
  ["吨", { kind: "mass", unit: "kg", factor: 1000 }],
  ["tonnes", { kind: "mass", unit: "kg", factor: 1000 }],
  ["tons", { kind: "mass", unit: "kg", factor: 1000 }],
  ["公斤", { kind: "mass", unit: "kg", factor: 1 }],
  ["千克", { kind: "mass", unit: "kg", factor: 1 }],
  ["kg", { kind: "mass", unit: "kg", factor: 1 }],
  ["个月", { kind: "duration", unit: "month", factor: 1 }],
  ["months", { kind: "duration", unit: "month", factor: 1 }],
  ["month", { kind: "duration", unit: "month", factor: 1 }],
  ["年", { kind: "duration", unit: "month", factor: 12 }],
  ["years", { kind: "duration", unit: "month", factor: 12 }],
  ["year", { kind: "duration", unit: "month", factor: 12 }],
  ["周", { kind: "duration", unit: "day", factor: 7 }],
  ["星期", { kind: "duration", unit: "day", factor: 7 }],
  ["weeks", { kind: "duration", unit: "day", factor: 7 }],
  ["天", { kind: "duration", unit: "day", factor: 1 }],
  ["days", { kind: "duration", unit: "day", factor: 1 }],
  ["小时", { kind: "duration", unit: "hour", factor: 1 }],
  ["hours", { kind: "duration", unit: "hour", factor: 1 }],
];

/** Every unit word written after a number, longest first so that `个百分点` wins over `个`. */
export const UNITS_AFTER: Array<[string, UnitWord]> = [
  ...CURRENCY_AFTER.map(([word, unit]): [string, UnitWord] => [word, { kind: "money", unit, factor: 1 }]),
  ...OTHER_UNITS,
  ...CLASSIFIERS.map((word): [string, UnitWord] => [
    word,
    { kind: "count", unit: SAME_CLASSIFIER[word] ?? word, factor: 1 },
  ]),
].sort((left, right) => right[0].length - left[0].length);

/** Escapes a literal for a regular expression. */
export function escapeForPattern(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

/** An alternation of literals, longest first. */
export function alternationOf(words: string[]): string {
  return [...new Set(words)]
    .sort((left, right) => right.length - left.length)
    .map(escapeForPattern)
    .join("|");
}
