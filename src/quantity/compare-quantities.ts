import type { Quantity } from "./find-quantities.js";

/** Chinese classifiers that count different things cannot be the same count (`个国家` is not `项成果`). */
function countsAlike(left: Quantity, right: Quantity): boolean {
  const chinese = (unit: string) => /^\p{Script=Han}$/u.test(unit);
  if (chinese(left.unit) && chinese(right.unit)) return left.unit === right.unit;
  return true;
}

/**
 * True when two quantities measure the same kind of thing in comparable units: money in the same
 * currency, shares with shares, counts of the same things. A bare number is comparable with any figure.
 */
export function comparable(stated: Quantity, other: Quantity): boolean {
  if (stated.kind === "date" || stated.kind === "identifier" || other.kind === "date" || other.kind === "identifier")
    return false;
  if (stated.kind === "number" || other.kind === "number") return true;
  if (stated.kind !== other.kind) return false;
  if (stated.kind === "count") return countsAlike(stated, other);
  return stated.unit === other.unit;
}

/**
 * True when `actual` is what `stated` says, within the precision `stated` was written with: "约 57
 * 百万" agrees with 57.2 百万, "12" with "12.0", "5,720 万" with "57.2 百万"; "850" does not with 844.
 */
export function agreesWith(stated: Quantity, actual: number): boolean {
  const tolerance = (stated.approximate ? stated.precision : stated.precision / 2) * (1 + 1e-9);
  return Math.abs(stated.value - actual) <= tolerance + 1e-9 * Math.max(1, Math.abs(actual));
}
