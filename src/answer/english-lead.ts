import { findFigures, type Quantity } from "../quantity/find-quantities.js";
import type { QuestionAnalysis } from "./question-analysis.js";

/** Signs written before an amount in English, by base currency; other currencies go by their code. */
const CURRENCY_SIGN: Record<string, string> = { USD: "US$", EUR: "€", GBP: "£", CNY: "RMB " };
/** At most this many figures lead an answer. */
const MAXIMUM_LEAD_FIGURES = 3;

/** Decimals a value shows once divided by `scale`: as many as the last digit written (`57.2 百万` → 1). */
function decimalsOf(quantity: Quantity, scale: number): number {
  const step = quantity.precision / scale;
  return step >= 1 ? 0 : Math.min(3, Math.round(-Math.log10(step)));
}

function withDecimals(value: number, decimals: number): string {
  return value.toLocaleString("en-US", { maximumFractionDigits: decimals });
}

/** "about" for an estimate (约, 近), "over" for a lower bound (多, 余, 超过). */
function qualifierOf(quantity: Quantity): string {
  if (!quantity.approximate) return "";
  return /[多余逾]|超过|以上|over|more than/iu.test(quantity.written) ? "over " : "about ";
}

/** A value in millions or billions when it is that large: `7,400 万` → `74 million`. */
function scaled(quantity: Quantity): string {
  const magnitude = Math.abs(quantity.value);
  const [scale, word] = magnitude >= 1e9 ? [1e9, " billion"] : magnitude >= 1e6 ? [1e6, " million"] : [1, ""];
  return `${withDecimals(quantity.value / scale, decimalsOf(quantity, scale))}${word}`;
}

/** An amount in English: `5,720 万美元` → `US$57.2 million`. */
function englishAmount(quantity: Quantity): string {
  return `${CURRENCY_SIGN[quantity.unit] ?? `${quantity.unit} `}${scaled(quantity)}`;
}

/** A figure written in English, or undefined for a kind that has no short English form. */
function englishFigure(quantity: Quantity): string | undefined {
  const qualifier = qualifierOf(quantity);
  const plain = withDecimals(quantity.value, decimalsOf(quantity, 1));
  switch (quantity.kind) {
    case "money":
      return `${qualifier}${englishAmount(quantity)}`;
    case "percent":
      return `${qualifier}${plain}%`;
    case "percentage-point":
      return `${qualifier}${plain} percentage points`;
    case "multiple":
      return `${qualifier}${plain} times`;
    case "count":
    case "number":
      return `${qualifier}${scaled(quantity)}`;
    default:
      return undefined;
  }
}

/** The kind of figure a question asks for, or undefined when it asks for none. */
function askedKind(analysis: QuestionAnalysis): ((quantity: Quantity) => boolean) | undefined {
  if (analysis.wantsMoney) return (quantity) => quantity.kind === "money";
  if (analysis.wantsShare) return (quantity) => quantity.kind === "percent" || quantity.kind === "percentage-point";
  if (analysis.wantsCount) return (quantity) => quantity.kind === "count" || quantity.kind === "number";
  if (analysis.wantsNumber) return () => true;
  return undefined;
}

function digitsOf(written: string): string {
  return written.normalize("NFKC").replace(/[,\s多余]/gu, "");
}

/**
 * The figures of the kind the question asks for that a sentence of the report states, written in
 * English ("US$57.2 million"), to open an English answer quoted from a report in another language.
 * Numbers the question itself names are not its answer. Undefined when the question asks for no
 * figure or the sentence states none of its kind.
 */
export function englishLead(sentence: string, analysis: QuestionAnalysis): string | undefined {
  const fits = askedKind(analysis);
  if (!fits) return undefined;
  const named = new Set(analysis.anchors.map(digitsOf));
  const figures = findFigures(sentence)
    .filter((quantity) => fits(quantity) && !named.has(digitsOf(quantity.written)))
    .flatMap((quantity) => englishFigure(quantity) ?? []);
  const distinct = [...new Set(figures)].slice(0, MAXIMUM_LEAD_FIGURES);
  return distinct.length > 0 ? distinct.join("; ") : undefined;
}
