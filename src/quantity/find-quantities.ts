import { CHINESE_NUMERAL, numeralValue } from "./chinese-numerals.js";
import { normalizeWithOffsets } from "./normalized-text.js";
import {
  alternationOf,
  CURRENCY_BEFORE,
  ENGLISH_SCALES,
  escapeForPattern,
  type QuantityKind,
  SHORT_SCALES,
  UNITS_AFTER,
  type UnitWord,
} from "./units.js";

/** A quantity a text states, read as a value in base units. */
export interface Quantity {
  kind: QuantityKind;
  /**
   * The value in base units: `5,720 万美元` → 57 200 000 (USD), `65%` → 65 (%), `2万5千公里` → 25 000
   * 000 (m).
   */
  value: number;
  /**
   * Base unit: `USD`, `CNY`, `EUR`, `%`, `pp`, `×`, `m`, `kg`, `month`, `day`, a classifier (`个`, `项`, `名` …),
   * an English counted noun (`country`), or `""` for a bare number.
   */
  unit: string;
  /** The unit as written, scale included: `百万美元`, `US$ … million`, `个成员国`; `""` for a bare number. */
  writtenUnit: string;
  /** The number as written, qualifier and scale words included: `5,720 万`, `八百四十八`, `60 多万`. */
  written: string;
  /** Place value of the last digit written, in base units: `57.2 百万美元` → 100 000. */
  precision: number;
  /** Written as an estimate (`约`, `近`, `多`, `about`, `over` …). */
  approximate: boolean;
  /** For a count, the noun counted after the classifier (`成员国` in `12 个成员国`). */
  counted?: string;
  /**
   * For an identifier, the word that names its series (`成果目标`, `outcome`, `第`); for a date,
   * `year`/`month`/`day`.
   */
  label?: string;
  /** Offset of the quantity in the text as written, and its end. */
  start: number;
  end: number;
  /** The exact characters of the text as written: number, scale and unit. */
  span: string;
}

const ARABIC = String.raw`(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+(?![\d,])|\d+)(?:\.\d+)?`;
/** Chinese scale characters after digits, but not `百分点`, `千米`, `千克`. */
const SCALE = "(?:[十百千万亿](?![分米克瓦]))+";
const ARABIC_WITH_SCALE = String.raw`${ARABIC} ?(?:[多余] ?)?${SCALE}(?: ?\d+(?:\.\d+)? ?${SCALE})*`;
const CHINESE = `(?=[零〇一二两三四五六七八九十])${CHINESE_NUMERAL}`;

const NUMBER_CORE = new RegExp(
  String.raw`(?<![\d.])(?<!\d,)(百分之 ?)?(${ARABIC_WITH_SCALE}|${ARABIC}|${CHINESE})`,
  "gu",
);

const MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December";
const MONTHS_SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec";
const ENGLISH_MONTH = `(?:${MONTHS}|(?:${MONTHS_SHORT})\\.?)`;

/** Dates, periods, citation markers, addresses and telephone numbers: numbers that are not quantities. */
const NOT_QUANTITY: Array<{ pattern: RegExp; kind: QuantityKind; label: string }> = [
  { pattern: /[[【] ?\d+(?: ?[,，、;–-] ?\d+)* ?[\]】]/gu, kind: "identifier", label: "citation" },
  // Web and e-mail addresses: their digits (`163.com`, `/2024/05/`) name, not count.
  {
    pattern: /\b(?:https?:\/\/|www\.)[^\s，。；、）)]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu,
    kind: "identifier",
    label: "address",
  },
  // A trunk prefix with its leading zero, or a "+" country code, joined to a long run of digits.
  {
    pattern:
      /(?<!\d|\d[.,])(?:\+\d{1,3}[ -]?|0\d{1,4}[ -]?[-–]?[ -]?)(?:\(\d{1,4}\)[ -]?)?\d{3,4}[ -]?\d{4}(?!\d|[.,]\d)/gu,
    kind: "identifier",
    label: "telephone",
  },
  {
    pattern: new RegExp(
      [
        String.raw`(?<![\d.])(?:19|20)\d{2}(?: ?(?:[-–—~/]|至|到) ?(?:(?:19|20)\d{2}|\d{2})`,
        String.raw`| ?(?:to|and) ?(?:19|20)\d{2})(?![\d.%])(?: ?(?:年度|年|两年期))?`,
      ].join(""),
      "giu",
    ),
    kind: "date",
    label: "period",
  },
  {
    pattern: /(?<![\d.])(?:19|20)\d{2} ?年(?!期)(?: ?\d{1,2} ?月(?: ?\d{1,2} ?[日号])?)?/gu,
    kind: "date",
    label: "year",
  },
  { pattern: /(?<![\d.])\d{1,2} ?月(?: ?\d{1,2} ?[日号](?!元))?/gu, kind: "date", label: "month" },
  {
    pattern: /(?<![零〇一二两三四五六七八九十个])(?:十[一二]?|[一二三四五六七八九])月/gu,
    kind: "date",
    label: "month",
  },
  {
    pattern: new RegExp(
      `(?<![\\d.])\\d{1,2}(?:st|nd|rd|th)? ${ENGLISH_MONTH}(?:,? (?:19|20)\\d{2})?|\\b${ENGLISH_MONTH} \\d{1,` +
        `2}(?:st|nd|rd|th)?(?:,? (?:19|20)\\d{2})?(?!\\d)|\\b${ENGLISH_MONTH} (?:19|20)\\d{2}`,
      "gu",
    ),
    kind: "date",
    label: "day",
  },
];

const CURRENCY_PREFIX = new RegExp(
  `(?:${alternationOf(CURRENCY_BEFORE.map(([word]) => word)).replace("US\\$", "US ?\\$")}) ?$`,
  "u",
);
const ENGLISH_SCALE = new RegExp(`^ ?(${alternationOf(ENGLISH_SCALES.map(([word]) => word))})(?![A-Za-z])`, "iu");
const SHORT_SCALE = new RegExp(`^(${alternationOf(SHORT_SCALES.map(([word]) => word))})(?![A-Za-z])`, "u");
const UNIT_AFTER_PATTERNS = UNITS_AFTER.map(([word]) =>
  /^[A-Za-z]/u.test(word) ? `${escapeForPattern(word)}(?![A-Za-z])` : escapeForPattern(word),
);
const UNIT_AFTER = new RegExp(`^ ?(${UNIT_AFTER_PATTERNS.join("|")})`, "iu");
const UNIT_BY_WORD = new Map(UNITS_AFTER.map(([word, unit]) => [word.toLowerCase(), unit]));
const QUALIFIER_AFTER = /^ ?(多|余|几|左右|以上|plus|\+)/u;

/** Words before a number that make it an estimate. */
const APPROXIMATE_BEFORE = new RegExp(
  [
    "(?:约|大约|大概|近|将近|接近|逾|超过|多达|不到|不足|几乎",
    "|about|around|approximately|nearly|almost|over|more than|some|roughly|close to",
    String.raw`|up to|under|less than) ?(?:US ?\$|\$|€|£|USD)? ?$`,
  ].join(""),
  "iu",
);

/** Words before a number that name a series it is the number of (`成果目标 3`, `Outcome 7`, `第 7 项`). */
const IDENTIFIER_BEFORE = new RegExp(
  [
    "(第|成果目标|政策成果|目标|指标|图|表|公约|附件|附录|章",
    String.raw`|节|SDG|GB\.?|(?<![A-Za-z])(?:outcomes?|indicators?|targets?|goals?`,
    String.raw`|conventions?|recommendations?|articles?|tables?|figures?|fig\.|chapters?`,
    String.raw`|sections?|parts?|annex(?:es)?|pages?|p\.|pp\.|paragraphs?|para\.|items?|phases?`,
    String.raw`|levels?|steps?|sessions?|resolutions?|no\.|nos\.|number|version|step))\s*$`,
  ].join(""),
  "iu",
);
/**
 * A number further down a list of reference numbers: "成果目标 1、2 和 3", "Outcomes 1, 2 and 3", "指标 1.1
 * 至 1.3".
 */
const LISTED_AFTER_IDENTIFIER =
  /^(.*?)\d+(?:\.\d+)?(?: ?(?:、|,|和|及|与|或|至|到|and|or|to|-|–) ?\d+(?:\.\d+)?)* ?(?:、|,|和|及|与|或|至|到|and|or|to|-|–) ?$/iu;
/** Characters after a number that make it an ordinal or a reference number. */
const IDENTIFIER_AFTER = /^ ?(?:号|届会|章|节|段|页)/u;
const CLASSIFIER_NOUN = /^\p{Script=Han}{1,3}/u;
const ENGLISH_NOUN = /^ ([A-Za-z][A-Za-z-]{2,})/u;
const NOT_A_NOUN = new Set(
  (
    "and or of in to the per from for with by on at as is are was were than that this which were has have had " +
    "out over under between among more less into its their"
  ).split(" "),
);
/** Years as written alone: `2019`. */
const YEAR = /^(?:19|20)\d{2}$/u;
/** A duration in years needs more than digits, and is not `两年期` (a biennium) or `年度`. */
const CHINESE_YEAR_DURATION = /^ ?年(?![期度代初底末中])/u;

interface Span {
  start: number;
  end: number;
}

function overlaps(spans: Span[], start: number, end: number): boolean {
  return spans.some((span) => start < span.end && end > span.start);
}

interface ReadUnit {
  unit: UnitWord;
  written: string;
  end: number;
}

/** The scale and unit written after a number that ends at `end`. */
function unitAfter(
  text: string,
  end: number,
  currency: string | undefined,
): { scale: number; read?: ReadUnit; end: number } {
  let position = end;
  let scale = 1;
  const short = currency ? SHORT_SCALE.exec(text.slice(position)) : null;
  const english = short ?? ENGLISH_SCALE.exec(text.slice(position));
  if (english) {
    const word = english[1].toLowerCase();
    scale = (short ? SHORT_SCALES : ENGLISH_SCALES).find(([name]) => name === word)?.[1] ?? 1;
    position += english[0].length;
  }
  if (currency)
    return {
      scale,
      read: { unit: { kind: "money", unit: currency, factor: 1 }, written: "", end: position },
      end: position,
    };
  const unitMatch = UNIT_AFTER.exec(text.slice(position));
  if (!unitMatch) return { scale, end: position };
  const word = unitMatch[1];
  const unit = UNIT_BY_WORD.get(word.toLowerCase());
  if (!unit) return { scale, end: position };
  // "成果目标 3 项下" (under item 3) and "3 项目" (projects) are not counts of 项.
  if (word === "项" && /^[下目]/u.test(text.slice(position + unitMatch[0].length))) return { scale, end: position };
  if (unit.kind === "duration" && word === "年" && !CHINESE_YEAR_DURATION.test(text.slice(position)))
    return { scale, end: position };
  return {
    scale,
    read: { unit, written: word, end: position + unitMatch[0].length },
    end: position + unitMatch[0].length,
  };
}

interface Reading {
  kind: QuantityKind;
  unit: string;
  counted?: string;
  label?: string;
  end: number;
}

/** What the number is, from the words around it. */
function readingOf(
  text: string,
  start: number,
  unitEnd: number,
  read: ReadUnit | undefined,
  isChinese: boolean,
): Reading {
  const before = text.slice(Math.max(0, start - 16), start);
  const listed = LISTED_AFTER_IDENTIFIER.exec(text.slice(Math.max(0, start - 40), start));
  const identifier = IDENTIFIER_BEFORE.exec(listed ? listed[1] : before);
  if (identifier && (identifier[1] === "第" || !read || read.unit.kind === "count")) {
    if (identifier[1] === "第" || !read || !/^(?:成果目标|政策成果|目标|指标)$/u.test(identifier[1]))
      return { kind: "identifier", unit: "", label: identifier[1].toLowerCase().replace(/s$/u, ""), end: unitEnd };
  }
  if (!read && (/[A-Za-z][.-]?$/u.test(before) || IDENTIFIER_AFTER.test(text.slice(unitEnd))))
    return { kind: "identifier", unit: "", label: /[A-Za-z]+\.?$/u.exec(before)?.[0] ?? "number", end: unitEnd };
  if (read) {
    const reading: Reading = { kind: read.unit.kind, unit: read.unit.unit, end: read.end };
    if (read.unit.kind === "count") {
      const noun = CLASSIFIER_NOUN.exec(text.slice(read.end))?.[0];
      if (noun) reading.counted = noun;
    }
    return reading;
  }
  const noun = isChinese ? undefined : ENGLISH_NOUN.exec(text.slice(unitEnd));
  if (noun && !NOT_A_NOUN.has(noun[1].toLowerCase()))
    return {
      kind: "count",
      end: unitEnd + noun[0].length,
      unit: noun[1]
        .toLowerCase()
        .replace(/(?<=[a-z]{3})(?:ies)$/u, "y")
        .replace(/(?<=[a-z]{3})s$/u, ""),
      counted: noun[1],
    };
  return { kind: "number", unit: "", end: unitEnd };
}

/** Place value of the last significant digit of an estimate written with trailing zeros ("约 850" → 10). */
function estimatePrecision(written: string, precision: number): number {
  const zeros = /\d(0+)$/u.exec(written.replace(/[,\s]/gu, ""))?.[1].length ?? 0;
  return precision * 10 ** zeros;
}

/**
 * Every quantity `text` states, in order: money, percentages, counts, durations, lengths and plain
 * numbers, each read in base units; dates, periods, citation markers and reference numbers come back
 * as kind `date` or `identifier`, so callers can keep them apart (see `isFigure`).
 */
export function findQuantities(text: string): Quantity[] {
  const normalized = normalizeWithOffsets(text);
  const folded = normalized.text;
  const quantities: Array<Quantity & { normalizedStart: number }> = [];
  const taken: Span[] = [];
  for (const { pattern, kind, label } of NOT_QUANTITY) {
    for (const match of folded.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (overlaps(taken, start, end)) continue;
      taken.push({ start, end });
      quantities.push(
        quantityAt(text, normalized.offsets, start, end, { kind, label, value: leadingNumber(match[0]) }),
      );
    }
  }
  for (const match of folded.matchAll(NUMBER_CORE)) {
    const start = match.index ?? 0;
    const coreEnd = start + match[0].length;
    if (overlaps(taken, start, coreEnd)) continue;
    const quantity = readQuantity(text, normalized.offsets, folded, match, start, coreEnd);
    if (!quantity) continue;
    taken.push({ start: quantity.normalizedStart, end: coreEnd });
    quantities.push(quantity);
  }
  return quantities
    .sort((left, right) => left.start - right.start)
    .map(({ normalizedStart: _, ...quantity }) => quantity);
}

/** Drops the binary noise of decimal arithmetic (57.2 × 1e6 = 57 199 999.999…). */
function roundOff(value: number): number {
  return Number(value.toPrecision(12));
}

function leadingNumber(written: string): number {
  const digits = /\d+/u.exec(written)?.[0];
  return digits ? Number(digits) : (numeralValue(written.replace(/月.*$/u, ""))?.value ?? 0);
}

function quantityAt(
  text: string,
  offsets: number[],
  start: number,
  end: number,
  fields: { kind: QuantityKind; label: string; value: number },
): Quantity & { normalizedStart: number } {
  const originalStart = offsets[start];
  const originalEnd = offsets[end];
  const span = text.slice(originalStart, originalEnd);
  return {
    kind: fields.kind,
    value: fields.value,
    unit: "",
    writtenUnit: "",
    written: span,
    precision: 1,
    approximate: false,
    label: fields.label,
    start: originalStart,
    end: originalEnd,
    span,
    normalizedStart: start,
  };
}

function readQuantity(
  text: string,
  offsets: number[],
  folded: string,
  match: RegExpMatchArray,
  start: number,
  coreEnd: number,
): (Quantity & { normalizedStart: number }) | undefined {
  const [, percentWord, core] = match;
  const isChinese = !/\d/u.test(core);
  const numeral = numeralValue(core.replace(/[多余]/gu, ""));
  if (!numeral) return undefined;
  // "一" alone is the article "a"/"one" of running Chinese ("一个重要步骤"), not a figure.
  if (isChinese && numeral.value === 1 && core.length === 1) return undefined;
  const before = folded.slice(Math.max(0, start - 12), start);
  const prefix = percentWord ? null : CURRENCY_PREFIX.exec(before);
  const currency = prefix
    ? CURRENCY_BEFORE.find(([word]) => word === prefix[0].trim().replace(/^US \$/u, "US$"))?.[1]
    : undefined;
  const qualifier = QUALIFIER_AFTER.exec(folded.slice(coreEnd));
  const numberEnd = coreEnd + (qualifier?.[0].length ?? 0);
  const after = unitAfter(folded, numberEnd, currency);
  const read: ReadUnit | undefined = percentWord
    ? { unit: { kind: "percent", unit: "%", factor: 1 }, written: "%", end: after.end }
    : after.read;
  // Chinese numerals without a unit are words ("十分", "万一"), unless long enough to be a number
  // ("八百四十八").
  if (isChinese && !read && !(core.length >= 3 && /[十百千万亿]/u.test(core))) return undefined;
  if (read?.written === "年" && numeral.value >= 1900 && numeral.value <= 2100 && numeral.precision === 1)
    return quantityAt(text, offsets, start, read.end, { kind: "date", label: "year", value: numeral.value });
  let reading = readingOf(folded, start, after.end, read, isChinese);
  if (reading.kind === "number" && after.scale === 1 && YEAR.test(core))
    reading = { kind: "date", unit: "", label: "year", end: after.end };
  const factor = reading.kind === "identifier" || reading.kind === "date" ? 1 : after.scale * (read?.unit.factor ?? 1);
  const approximate = APPROXIMATE_BEFORE.test(before) || /[多余]/u.test(core) || qualifier !== null;
  const quantityStart = prefix ? start - prefix[0].length : start;
  const end = Math.max(reading.end, numberEnd);
  const originalStart = offsets[quantityStart];
  const originalEnd = offsets[end];
  const span = text.slice(originalStart, originalEnd).trimEnd();
  const precision = numeral.precision * factor;
  const quantity: Quantity & { normalizedStart: number } = {
    kind: reading.kind,
    value: roundOff(numeral.value * factor),
    unit: reading.unit,
    ...writtenParts(text.slice(originalStart, originalStart + span.length), prefix?.[0]),
    precision: roundOff(approximate ? estimatePrecision(core, precision) : precision),
    approximate,
    start: originalStart,
    end: originalStart + span.length,
    span,
    normalizedStart: quantityStart,
  };
  if (reading.counted) quantity.counted = reading.counted;
  if (reading.label) quantity.label = reading.label;
  return quantity;
}

/**
 * A single trailing scale ("5,720 万", "82.7 万亿") belongs to the unit; a scale inside ("2万5千") to the
 * number.
 */
const WRITTEN_NUMBER = new RegExp(
  String.raw`^(?:${ARABIC} ?(?:[多余] ?)?(?:${SCALE} ?\d+(?:\.\d+)? ?)+${SCALE}` +
    `|百分之 ?(?:${ARABIC}|${CHINESE_NUMERAL})` +
    `|${ARABIC}(?: ?[多余几])?|${CHINESE_NUMERAL}(?: ?[多余几])?)`,
  "u",
);

/** The span split into the number as written and the unit as written (currency sign and scale included). */
function writtenParts(span: string, prefix: string | undefined): { written: string; writtenUnit: string } {
  const withoutPrefix = prefix
    ? span.slice(span.normalize("NFKC").indexOf(prefix.trim()) + prefix.trim().length).trimStart()
    : span;
  const folded = withoutPrefix.normalize("NFKC");
  const number = WRITTEN_NUMBER.exec(folded)?.[0] ?? folded;
  const written = withoutPrefix.slice(0, number.length).trim();
  const rest = withoutPrefix.slice(number.length).trim();
  const unit = prefix ? `${prefix.trim()}${rest ? ` ${rest}` : ""}` : rest;
  const writtenUnit = unit === "" && folded.startsWith("百分之") ? "%" : unit;
  return { written, writtenUnit };
}

/** True for a quantity worth reporting as a figure: not a date, a period, a marker or a reference number. */
export function isFigure(quantity: Quantity): boolean {
  return quantity.kind !== "date" && quantity.kind !== "identifier";
}

/** The figures `text` states, in order. */
export function findFigures(text: string): Quantity[] {
  return findQuantities(text).filter(isFigure);
}

/**
 * A number read in a unit stated apart from it, as a table heading states it: `57.2` in `百万美元`,
 * `30.1` in `US$ million` (a currency sign goes before the number), `21` in `%`.
 */
export function readInUnit(number: string, unit: string): Quantity | undefined {
  const trimmed = unit.trim();
  const prefix = CURRENCY_BEFORE.map(([word]) => word).find((word) => trimmed.startsWith(word));
  const text = prefix ? `${prefix}${number} ${trimmed.slice(prefix.length).trim()}` : `${number} ${trimmed}`;
  const read = findQuantities(text.trim())[0];
  return read && isFigure(read) ? read : undefined;
}
