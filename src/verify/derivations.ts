import { agreesWith, comparable } from "../quantity/compare-quantities.js";
import type { Quantity } from "../quantity/find-quantities.js";
import type { PassageQuantity } from "./passage-quantities.js";

/** What the words around a number say was done to get it. */
export type DerivationCue = "difference" | "sum" | "share" | "ratio" | "change";

const CUES: Array<{ cue: DerivationCue; before: RegExp; after: RegExp }> = [
  {
    cue: "difference",
    before: new RegExp(
      [
        "(?:相差|差额|差距|差值|之差|高出|低了|少了|多了|多出|缺口",
        "|比.{1,20}(?:多|少|高|低|超出|节省)了?|(?:低于|高于|少于|超出",
        String.raw`|超过)[^\s，。；,;\d]{1,20}|difference of|gap of|shortfall of|(?:lower`,
        String.raw`|higher|less|more|fewer) than .{1,40}? by)\s*(?:了|为|是|达到?|有|约`,
        String.raw`|大约|超过|近|将近|逾)*\s*$`,
      ].join(""),
      "iu",
    ),
    after: new RegExp(
      [
        String.raw`^\s*(?:more|less|fewer|higher|lower|short)\s+than`,
        String.raw`|^\s*(?:above|below|under|over)\s+(?:the|its|their)\b`,
        String.raw`|^\s*(?:的)?(?:差额|差距)`,
      ].join(""),
      "iu",
    ),
  },
  {
    cue: "sum",
    before: new RegExp(
      [
        "(?:合计|总计|共计|一共|总共|加起来|加在一起|之和|总和",
        String.raw`|in total|combined|altogether|together|a total of|sum of|total of)\s*(?:了|为`,
        String.raw`|是|达到?|有|约|大约|超过|近|将近|逾)*\s*$`,
      ].join(""),
      "iu",
    ),
    after: /^\s*(?:in total|combined|altogether|together)/iu,
  },
  {
    cue: "share",
    before:
      /(?:占|其中|of which|比例为|比重为|份额为|share of|proportion of|accounting for|accounted for|made up)\s*(?:了|约)?\s*$/iu,
    after: /^\s*(?:of (?:the )?(?:total|all|spending|expenditure|budget))/iu,
  },
  { cue: "ratio", before: /(?:是|为|达到)?\s*$/u, after: /^\s*(?:倍|times|-fold|fold)/iu },
  {
    cue: "change",
    before: new RegExp(
      [
        "(?:增长|增加|减少|下降|降低|提高|上升|增幅|降幅|increased? by",
        String.raw`|decreased? by|rose by|fell by|grew by|dropped by|up by|down by)\s*(?:了`,
        String.raw`|约)?\s*$`,
      ].join(""),
      "iu",
    ),
    after: /^$/u,
  },
];

/** Cues of a figure from the text of its sentence before and after it. */
export function derivationCues(before: string, after: string, stated: Quantity): DerivationCue[] {
  const cues = CUES.filter((entry) => entry.before.test(before.slice(-40)) || entry.after.test(after.slice(0, 40)))
    .map((entry) => entry.cue)
    .filter((cue) => cue !== "ratio" || stated.kind === "multiple");
  if (stated.kind === "multiple" && !cues.includes("ratio")) cues.push("ratio");
  return cues;
}

/** A recomputed number: the arithmetic as text, e.g. `62.9 − 57.2 = 5.7 百万美元`. */
export interface Derivation {
  text: string;
  cue: DerivationCue;
  operands: [PassageQuantity, PassageQuantity];
}

interface Operation {
  cue: DerivationCue;
  symbol: string;
  compute: (left: number, right: number) => number;
  result: (stated: Quantity, left: Quantity) => boolean;
}

const OPERATIONS: Operation[] = [
  {
    cue: "difference",
    symbol: "−",
    compute: (left, right) => Math.abs(left - right),
    result: (stated, left) =>
      comparable(stated, left) || (stated.kind === "percentage-point" && left.kind === "percent"),
  },
  {
    cue: "sum",
    symbol: "+",
    compute: (left, right) => left + right,
    result: (stated, left) => comparable(stated, left),
  },
  {
    cue: "share",
    symbol: "÷",
    compute: (left, right) => (left / right) * 100,
    result: (stated, left) => stated.kind === "percent" && left.kind !== "percent",
  },
  { cue: "ratio", symbol: "÷", compute: (left, right) => left / right, result: (stated) => stated.kind === "multiple" },
  {
    cue: "change",
    symbol: "→",
    compute: (left, right) => ((right - left) / left) * 100,
    result: (stated, left) => stated.kind === "percent" && left.kind !== "percent",
  },
];

/** Operands of one computation: amounts in one currency, shares, or counts (of whatever is counted). */
function operandsAlike(left: Quantity, right: Quantity): boolean {
  if (left.kind !== right.kind || left.kind === "number") return false;
  return left.kind === "count" || left.unit === right.unit;
}

function textOf(operation: Operation, left: PassageQuantity, right: PassageQuantity, stated: Quantity): string {
  if (operation.cue === "change") return `(${right.span} − ${left.span}) ÷ ${left.span} = ${stated.span}`;
  const [first, second] =
    operation.cue === "difference" && left.quantity.value < right.quantity.value ? [right, left] : [left, right];
  return `${first.span} ${operation.symbol} ${second.span} = ${stated.span}`;
}

/**
 * Every computation on two cited numbers that gives `stated`, for the operations its cues name; bare
 * numbers take part only with each other. Quadratic in the passage numbers, which are few.
 */
export function findDerivations(stated: Quantity, cues: DerivationCue[], operands: PassageQuantity[]): Derivation[] {
  const found: Derivation[] = [];
  for (const operation of OPERATIONS.filter((entry) => cues.includes(entry.cue))) {
    for (const left of operands) {
      if (!operation.result(stated, left.quantity)) continue;
      for (const right of operands) {
        if (left === right || left.start === right.start) continue;
        const bothBare = left.quantity.kind === "number" && right.quantity.kind === "number";
        const alike = operandsAlike(left.quantity, right.quantity) || (bothBare && stated.kind === "number");
        if (!alike || right.quantity.value === 0 || left.quantity.value === 0) continue;
        if (agreesWith(stated, operation.compute(left.quantity.value, right.quantity.value)))
          found.push({ text: textOf(operation, left, right, stated), cue: operation.cue, operands: [left, right] });
      }
    }
  }
  return found;
}
