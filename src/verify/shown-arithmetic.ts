/**
 * Arithmetic an answer writes out (`154.4 − 131.0 = 23.4`, `267.4 + 87.7 = 355.1`,
 * `104.8 / 267.4 = 39.2%`): its result is derived when the operands are numbers the answer has
 * verified and the arithmetic holds; an operand written again is the number verified before.
 *
 * @module
 */
import type { Figure } from "../types.js";

const NUMBER = String.raw`\(?[-−–]?\d[\d,]*(?:\.\d+)?\)?%?`;
/** `a − b = c`, `a + b + c = d`, `a / b = c%`. */
const ARITHMETIC = new RegExp(
  String.raw`(${NUMBER})((?:\s*[−+]\s*${NUMBER})+|\s*/\s*${NUMBER})\s*=\s*(${NUMBER})`,
  "gu",
);

/** `(a − b) / b = c%`: a difference as a share of what it is taken from. */
const RELATIVE = new RegExp(String.raw`\((${NUMBER})\s*−\s*(${NUMBER})\)\s*/\s*(${NUMBER})\s*=\s*(${NUMBER})`, "gu");

function printedValue(written: string): number {
  const negative = /^\(.*\)$/u.test(written) || /^[-−–]/u.test(written);
  const value = Number(written.replace(/[(),%\s]/gu, "").replace(/^[-−–]/u, ""));
  return negative ? -value : value;
}

function decimalsOf(written: string): number {
  return /\.(\d+)/u.exec(written)?.[1].length ?? 0;
}

/** The result the written operation gives, or `undefined` when it cannot be computed. */
function compute(first: string, rest: string): number | undefined {
  const division = /^\s*\/\s*(.+)$/u.exec(rest);
  if (division) {
    const divisor = printedValue(division[1]);
    return divisor === 0 ? undefined : (printedValue(first) / divisor) * 100;
  }
  let result = printedValue(first);
  for (const term of rest.matchAll(new RegExp(String.raw`([−+])\s*(${NUMBER})`, "gu")))
    result += (term[1] === "+" ? 1 : -1) * printedValue(term[2]);
  return result;
}

/** Whether `computed` rounds to the result as written. */
function holds(computed: number, written: string): boolean {
  return Math.abs(computed - printedValue(written)) <= 0.5 * 10 ** -decimalsOf(written) + 1e-9;
}

/**
 * Upgrades the figures of written-out arithmetic in `answer`: an operand not verified on its own takes
 * the source of the same number verified earlier in the answer; a result is `derived` when every
 * operand is verified and the operation gives it. Other figures are left as they are.
 */
export function acceptShownArithmetic(answer: string, figures: Figure[]): void {
  const at = new Map(figures.flatMap((figure) => (figure.inAnswer ? [[figure.inAnswer.start, figure] as const] : [])));
  for (const match of answer.matchAll(ARITHMETIC)) {
    const start = match.index ?? 0;
    const operandTexts = [match[1], ...[...match[2].matchAll(new RegExp(NUMBER, "gu"))].map((found) => found[0])];
    const operands = operandsAt(answer, start, match[0].lastIndexOf("="), at);
    if (operands.length !== operandTexts.length) continue;
    for (const operand of operands) restate(operand, figures);
    if (!operands.every((operand) => operand.status === "verified")) continue;
    const resultText = match[3];
    const resultStart = start + match[0].lastIndexOf(resultText);
    // The figure of a signed result may start after its sign.
    const result = at.get(resultStart) ?? at.get(resultStart + 1);
    const computed = compute(match[1], match[2]);
    if (!result || computed === undefined || !holds(computed, resultText)) continue;
    if (result.status === "verified" || result.status === "derived") continue;
    Object.assign(result, { status: "derived", derivation: match[0].trim(), reason: undefined });
  }
  acceptRelative(answer, at, figures);
}

/** The same for written-out relative differences: `(267.4 − 233.2) / 233.2 = 14.7%`. */
function acceptRelative(answer: string, at: Map<number, Figure>, figures: Figure[]): void {
  for (const match of answer.matchAll(RELATIVE)) {
    const start = match.index ?? 0;
    const equals = match[0].lastIndexOf("=");
    const operands = operandsAt(answer, start, equals, at);
    if (operands.length !== 3) continue;
    for (const operand of operands) restate(operand, figures);
    if (!operands.every((operand) => operand.status === "verified")) continue;
    const base = printedValue(match[3]);
    const resultStart = start + match[0].lastIndexOf(match[4]);
    const result = at.get(resultStart) ?? at.get(resultStart + 1);
    if (!result || base === 0 || result.status === "verified" || result.status === "derived") continue;
    const computed = ((printedValue(match[1]) - printedValue(match[2])) / base) * 100;
    if (!holds(computed, match[4])) continue;
    Object.assign(result, { status: "derived", derivation: match[0].trim(), reason: undefined });
  }
}

/** The figures the answer states between `start` and the `=` of an arithmetic, in order. */
function operandsAt(answer: string, start: number, equals: number, at: Map<number, Figure>): Figure[] {
  return [...at.entries()]
    .filter(([offset]) => offset >= start && offset < start + equals)
    .sort(([left], [right]) => left - right)
    .map(([, figure]) => figure)
    .filter((figure) => answer.slice(start, start + equals).includes(figure.inAnswer?.span ?? "\u0000"));
}

/** An operand written again takes the source of the same number verified before it in the answer. */
function restate(operand: Figure, figures: Figure[]): void {
  if (operand.status === "verified") return;
  const earlier = figures.find(
    (figure) =>
      figure.status === "verified" &&
      figure.value === operand.value &&
      (figure.inAnswer?.start ?? 0) < (operand.inAnswer?.start ?? 0),
  );
  if (!earlier) return;
  Object.assign(operand, { status: "verified", source: earlier.source, citation: earlier.citation, reason: undefined });
}
