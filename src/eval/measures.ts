import { compactText } from "../text/normalize.js";
import type { EvalQuestion } from "./question-set.js";

/** A retrieved passage is a hit when it holds one of the question's evidence strings. */
export function holdsEvidence(text: string, question: EvalQuestion): boolean {
  const compact = compactText(text);
  return question.evidence.some((evidence) => compact.includes(compactText(evidence)));
}

/** Every `must` group has one alternative in the answer. */
export function satisfiesMust(answer: string, question: EvalQuestion): boolean {
  const compact = compactText(answer);
  return question.must.every((group) => group.some((alternative) => compact.includes(compactText(alternative))));
}

/** 1-based rank of the first hit among `texts`, or undefined. */
export function firstHitRank(texts: string[], question: EvalQuestion): number | undefined {
  const index = texts.findIndex((text) => holdsEvidence(text, question));
  return index >= 0 ? index + 1 : undefined;
}

export function percentile(values: number[], share: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((left, right) => left - right);
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

export function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
