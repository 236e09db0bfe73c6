/** Numbers with a unit in running text: the pattern that finds the report's stated figures. */

/** A number as written with the unit right after it. */
export interface NumberMention {
  /** The number as written, e.g. `12.705`, `3,650`, `60 多`. */
  value: string;
  numeric: number;
  unit: string;
  /** Offset of the mention in the text searched. */
  start: number;
  /** The exact characters of number, qualifier and unit. */
  span: string;
}

/** Units of measure and counting words, longest first so that `百万美元` wins over `美元`. */
const UNITS = [
  "百万美元",
  "亿美元",
  "万美元",
  "美元",
  "个百分点",
  "百分点",
  "%",
  "％",
  "亿",
  "万",
  "个国家",
  "个成员国",
  "个地区",
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
  "倍",
].sort((left, right) => right.length - left.length);

const UNIT_PATTERN = UNITS.join("|");

/** Digits (with separators or decimals), an optional `多`/`余`, then a unit. */
const MENTION = new RegExp(
  String.raw`(?<![\d.A-Za-z])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(\s?[多余])?\s?(${UNIT_PATTERN})`,
  "gu",
);

/** What comes before a number that is an ordinal or a reference, not a quantity. */
const REFERENCE_BEFORE = /(?:第|图|表|指标|目标|公约|SDG|GB\.)\s*$/u;

/** Every number followed by a unit in `text`, in order, leaving out ordinals and references. */
export function findNumberMentions(text: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const start = match.index ?? 0;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, start - 6), start))) continue;
    const [span, digits, qualifier, unit] = match;
    mentions.push({
      value: `${digits}${qualifier ?? ""}`,
      numeric: Number(digits.replace(/,/g, "")),
      unit: unit.replace("％", "%"),
      start,
      span,
    });
  }
  return mentions;
}
