/** One number format for the interface's language, whatever the browser's locale. */
import type { InterfaceLanguage } from "./ui-texts.js";

const locales: Record<InterfaceLanguage, string> = { zh: "zh-CN", en: "en-US" };

/** Digits after the decimal point of the longest-written number among `values`. */
export function decimalsOf(values: ReadonlyArray<number | string | null>): number {
  let decimals = 0;
  for (const value of values) {
    if (typeof value !== "number" || !Number.isFinite(value)) continue;
    const written = String(value);
    const point = written.indexOf(".");
    if (point !== -1 && !written.includes("e")) decimals = Math.max(decimals, written.length - point - 1);
  }
  return Math.min(decimals, 4);
}

/** `value` with grouping and exactly `decimals` digits after the point, as the interface language writes it. */
export function formatNumber(value: number, language: InterfaceLanguage, decimals = decimalsOf([value])): string {
  return value.toLocaleString(locales[language], { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}
