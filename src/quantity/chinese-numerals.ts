/**
 * Values of numbers written with Chinese numerals, Arabic digits or a mix ("2万5千", "82.7万亿",
 * "八百四十八").
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const SMALL_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/** A Chinese numeral: digits, 十/百/千/万/亿, and a decimal part after 点. */
export const CHINESE_NUMERAL = "[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?";

/** The value of a written number and the place value of its last written digit. */
export interface NumeralValue {
  value: number;
  /** Place value of the last digit written: 1 for "848", 0.1 for "12.0", 1000 for "2万5千". */
  precision: number;
}

function decimalPlaces(digits: string): number {
  const point = digits.indexOf(".");
  return point < 0 ? 0 : digits.length - point - 1;
}

/** Tokens: an Arabic number, a Chinese digit, or a unit character. */
function tokensOf(written: string): string[] {
  return written.match(/\d+(?:\.\d+)?|[^\d\s,]/gu) ?? [];
}

/** Reads "二〇一九" or "九八" digit by digit. */
function digitByDigit(tokens: string[]): NumeralValue | undefined {
  if (!tokens.every((token) => token in DIGITS)) return undefined;
  return { value: Number(tokens.map((token) => DIGITS[token]).join("")), precision: 1 };
}

/** Reads the integer part of a numeral that mixes digits and units; undefined when it is not one. */
function positional(tokens: string[]): NumeralValue | undefined {
  let large = 0;
  let middle = 0;
  let section = 0;
  let pending: number | undefined;
  let precision = 1;
  let lastDigitPlace = 1;
  for (const token of tokens) {
    if (/^\d/u.test(token) || token in DIGITS) {
      // Two digits in a row with no unit between ("十三五") is not a number, except after 零.
      if (pending !== undefined && pending !== 0) return undefined;
      pending = /^\d/u.test(token) ? Number(token) : DIGITS[token];
      lastDigitPlace = /^\d/u.test(token) ? 10 ** -decimalPlaces(token) : 1;
      precision = lastDigitPlace;
      continue;
    }
    if (token in SMALL_UNITS) {
      const unit = SMALL_UNITS[token];
      section += (pending ?? 1) * unit;
      precision = (pending === undefined ? 1 : lastDigitPlace) * unit;
      lastDigitPlace = precision;
      pending = undefined;
      continue;
    }
    if (token in LARGE_UNITS) {
      const unit = LARGE_UNITS[token];
      const value = section + (pending ?? 0);
      if (unit === 1e4) middle += (value === 0 ? 1 : value) * unit;
      else large = (large + middle + (value === 0 && middle === 0 ? 1 : value)) * unit;
      if (unit === 1e8) middle = 0;
      precision *= unit;
      lastDigitPlace = precision;
      section = 0;
      pending = undefined;
      continue;
    }
    return undefined;
  }
  return { value: large + middle + section + (pending ?? 0), precision };
}

/** Reads the digits after 点 as a decimal fraction. */
function fraction(digits: string): NumeralValue | undefined {
  let text = "";
  for (const character of digits) {
    if (!(character in DIGITS)) return undefined;
    text += String(DIGITS[character]);
  }
  return { value: Number(`0.${text}`), precision: 10 ** -text.length };
}

/**
 * The value of a number written in Chinese numerals, Arabic digits or both, with its scale words:
 * "八百四十八" → 848, "九十八点一" → 98.1, "2万5千" → 25000, "82.7万亿" → 8.27e13, "5,720万"
 * → 5.72e7.
 * Undefined when the text is not a number.
 */
export function numeralValue(written: string): NumeralValue | undefined {
  const [integerPart, decimalPart] = written.replace(/[,\s]/gu, "").split("点");
  const tokens = tokensOf(integerPart);
  if (tokens.length === 0) return undefined;
  const hasUnit = tokens.some((token) => token in SMALL_UNITS || token in LARGE_UNITS);
  const integer = !hasUnit && tokens.length > 1 ? digitByDigit(tokens) : positional(tokens);
  if (!integer) return undefined;
  if (decimalPart === undefined) return integer;
  const decimal = fraction(decimalPart);
  return decimal ? { value: integer.value + decimal.value, precision: decimal.precision } : undefined;
}
