/** Finding the numbers a text states, with their units, and comparing them across texts. */

export interface NumberMention {
  /** The number as written, e.g. `2.674`, `3,650`, `60 多`. */
  value: string;
  /** The unit right after it, e.g. `亿美元`, `%`, `个`. */
  unit?: string;
  /** Offset of the mention in the text. */
  start: number;
  /** The exact characters of the mention (number, qualifier and unit). */
  span: string;
  /** The number as a plain value in its written scale (`3,650` -> 3650, `60多` -> 60). */
  numeric: number;
}

/** Units, longest first so that `百万美元` wins over `美元`. */
const UNITS = [
  "百万美元",
  "亿美元",
  "万美元",
  "千美元",
  "美元",
  "百分点",
  "百万",
  "亿",
  "万",
  "%",
  "％",
  "个百分点",
  "个国家",
  "个成员国",
  "个区域",
  "个",
  "项",
  "名",
  "份",
  "次",
  "人",
  "场",
  "种",
  "家",
  "所",
  "国",
  "年",
  "月",
  "岁",
  "million",
  "billion",
  "per cent",
  "percent",
  "countries",
  "results",
].sort((left, right) => right.length - left.length);

const UNIT_PATTERN = UNITS.join("|");

/**
 * A number: digits with thousands separators or a decimal part, an optional qualifier (多, 余),
 * then an optional unit. Years and section numbers are numbers too: callers decide what to keep.
 */
const NUMBER_PATTERN = new RegExp(
  `(?<![\\d.A-Za-z])(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)(\\s?(?:多|余))?(\\s?(?:${UNIT_PATTERN}))?`,
  "giu",
);

function toNumeric(written: string): number {
  return Number(written.replace(/,/g, ""));
}

/** Every number mention in `text`, in order. */
export function findNumbers(text: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(NUMBER_PATTERN)) {
    const [span, digits, qualifier, unitWithSpace] = match;
    const unit = unitWithSpace?.trim();
    mentions.push({
      value: qualifier ? `${digits}${qualifier.trim()}` : digits,
      unit: unit && unit.length > 0 ? unit.replace("％", "%") : undefined,
      start: match.index ?? 0,
      span: span.trimEnd(),
      numeric: toNumeric(digits),
    });
  }
  return mentions;
}

/** True for a bare four-digit year such as `2019` (with or without `年`). */
export function isYear(mention: NumberMention): boolean {
  return /^(19|20)\d{2}$/.test(mention.value) && (mention.unit === undefined || mention.unit === "年");
}

/** True when `mention` is a figure worth reporting: not a year, not a list ordinal or a section number. */
export function isFigure(mention: NumberMention, text: string): boolean {
  if (isYear(mention)) return false;
  const before = text.slice(Math.max(0, mention.start - 6), mention.start);
  if (/(成果目标|指标|第|图|表|SDG|目标)\s*$/u.test(before) && mention.unit === undefined) return false;
  if (/[A-Za-z]\.?$/.test(before) && mention.unit === undefined) return false;
  return true;
}

/** The figures a text states, in order. */
export function findFigures(text: string): NumberMention[] {
  return findNumbers(text).filter((mention) => isFigure(mention, text));
}

/** Digits of a written number without separators, for matching `3,650` against `3650`. */
export function digitsOf(value: string): string {
  return value.replace(/[,\s多余]/g, "");
}
