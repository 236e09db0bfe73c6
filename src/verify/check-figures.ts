import { figureOfQuantity } from "../answer/figures.js";
import { agreesWith, comparable } from "../quantity/compare-quantities.js";
import { findQuantities, isFigure, type Quantity } from "../quantity/find-quantities.js";
import type { Citation, Figure } from "../types.js";
import { type AnswerSentence, answerSentences } from "./answer-sentences.js";
import { type Derivation, type DerivationCue, derivationCues, findDerivations } from "./derivations.js";
import { indexPassages, type PassageIndex, type PassageQuantity } from "./passage-quantities.js";
import {
  clauseAround,
  contradictedSeries,
  distinctiveness,
  labelCoverage,
  nearAround,
  seriesNumbers,
  shareFound,
  type Terms,
  type TermWeights,
  termsOf,
  translatedBefore,
  yearsDisagree,
  yearsNamed,
} from "./referent.js";
import { acceptShownArithmetic } from "./shown-arithmetic.js";
import type { TableCellFact } from "./table-cell-fact.js";

export interface FigureCheckOptions {
  /** The parsed table cells a chunk holds; none when the tables of the report are not parsed. */
  cellsOfChunk?: (chunkId: string) => TableCellFact[];
}

/** The figures of an answer, each with its status, and what is wrong with the answer's markers. */
export interface FigureCheck {
  figures: Figure[];
  /** Markers that name no passage, e.g. `[9]` when five passages were given. */
  unknownMarkers: number[];
}

/** A number the answer names another thing for gets flagged only when the answer names that thing this clearly. */
const CLEAR_REFERENT = 0.45;
/** …and this much more clearly than the thing the matching number is about. */
const REFERENT_MARGIN = 0.2;
/** An operand of a derivation is named by the sentence at least this share as well as the best named number. */
const OPERAND_NAMING = 0.85;
/** Below this, the sentence names none of the cited numbers clearly, and cannot tell operands apart. */
const WEAK_NAMING = 0.5;
/** A number found in a passage the sentence does not cite must be about what the sentence says, this clearly. */
const ELSEWHERE_REFERENT = 0.35;

/** What the answer says about one of its numbers. */
interface StatedFigure {
  quantity: Quantity;
  clause: Terms;
  near: Terms;
  /** For an English sentence, the report's terms for the words just before the number. */
  translatedNear: Terms;
  sentence: Terms;
  series: Map<string, Set<number>>;
  cues: DerivationCue[];
  /** Years the number's clause names. */
  years: Set<number>;
  /** The clause speaks of a total. */
  total: boolean;
}

interface Search {
  match?: PassageQuantity;
  /** How well the answer's words name what `match` is about. */
  matchScore?: number;
  /** A number of the same kind the answer's words point at, with another value. */
  namedInstead?: PassageQuantity;
  /** A passage number of that value, about another numbered item (`成果目标 3` for `成果目标 4`). */
  otherSeries?: string;
  /**
   * A passage number written with the same digits in another unit or scale (`57.2 百万美元` for `57.2
   * 亿美元`).
   */
  sameDigits?: PassageQuantity;
}

/** Words for a total, in an answer and in a table's row label. */
const TOTAL_WORD = /总|合计|共计|total|overall|altogether/iu;
const TOTAL_LABEL = /^(?:合计|总计|总额|共计|总数|total|overall|grand total)/iu;

/** How well a cell's row or column label is named: in the number's own clause, or less so elsewhere in the sentence. */
function labelNamed(label: Terms, stated: StatedFigure): number {
  return Math.max(labelCoverage(label, stated.clause), 0.5 * labelCoverage(label, stated.sentence));
}

function score(stated: StatedFigure, candidate: PassageQuantity, weights: TermWeights): number {
  if (!candidate.labels) {
    const near = shareFound(stated.near, weights, candidate.near ?? candidate.referent, candidate.referent);
    return 0.3 * near + 0.7 * shareFound(stated.clause, weights, candidate.referent);
  }
  const named = candidate.labels.map((label) => labelNamed(label, stated));
  const total = stated.total && TOTAL_LABEL.test(candidate.description) ? 0.5 : 0;
  return (
    shareFound(stated.clause, new Map(), candidate.referent) +
    0.5 * (named.reduce((sum, share) => sum + share, 0) / named.length) +
    total
  );
}

function agrees(stated: Quantity, candidate: PassageQuantity): boolean {
  if (agreesWith(stated, candidate.quantity.value)) return true;
  return stated.kind === "number" && stated.writtenUnit === "" && agreesWith(stated, candidate.writtenValue);
}

/** The number of the passages that `stated` repeats, about the thing the answer names. */
function search(stated: StatedFigure, candidates: PassageQuantity[]): Search {
  let best: { entry: PassageQuantity; score: number } | undefined;
  let bestMatch: { entry: PassageQuantity; score: number } | undefined;
  let otherSeries: string | undefined;
  let sameDigits: PassageQuantity | undefined;
  const digits = stated.quantity.written.replace(/[,\s]/gu, "");
  const weights = distinctiveness(
    [stated.clause, stated.near],
    candidates.map((entry) => [entry.referent, entry.near ?? entry.referent]),
  );
  for (const entry of candidates) {
    if (entry.quantity.written.replace(/[,\s]/gu, "") === digits && entry.quantity.kind !== "number")
      sameDigits ??= entry;
    if (!comparable(stated.quantity, entry.quantity)) continue;
    const matches = agrees(stated.quantity, entry);
    const contradiction =
      contradictedSeries(stated.series, entry.series) ??
      (yearsDisagree(stated.years, entry.years) ? `${[...entry.years].join("/")}` : undefined);
    if (contradiction) {
      if (matches) otherSeries = contradiction;
      continue;
    }
    const value = score(stated, entry, weights);
    const sameKind = entry.quantity.kind === stated.quantity.kind || stated.quantity.kind === "number";
    if (sameKind && (!best || value > best.score)) best = { entry, score: value };
    if (matches && (!bestMatch || value > bestMatch.score)) bestMatch = { entry, score: value };
  }
  if (!bestMatch)
    return { otherSeries, sameDigits, namedInstead: best && best.score >= CLEAR_REFERENT ? best.entry : undefined };
  if (
    best &&
    best.entry !== bestMatch.entry &&
    best.score >= CLEAR_REFERENT &&
    best.score - bestMatch.score > REFERENT_MARGIN
  )
    return { namedInstead: best.entry };
  const namedInEnglish = namedOnlyBy(stated, candidates, bestMatch.entry);
  if (namedInEnglish) return { namedInstead: namedInEnglish };
  return { match: bestMatch.entry, matchScore: bestMatch.score };
}

/**
 * For an English sentence over Chinese prose: the one other number of the same kind that the
 * glossary's terms for the words just before the stated number single out ("Video views" → 视频, found
 * by the 61% only), when none of those terms singles out the matching number.
 */
function namedOnlyBy(
  stated: StatedFigure,
  candidates: PassageQuantity[],
  match: PassageQuantity,
): PassageQuantity | undefined {
  if (stated.translatedNear.size === 0 || match.labels) return undefined;
  const sameKind = candidates.filter((entry) => !entry.labels && entry.quantity.kind === stated.quantity.kind);
  const owners = new Map<string, PassageQuantity[]>();
  for (const term of stated.translatedNear)
    owners.set(
      term,
      sameKind.filter((entry) => entry.referent.has(term) || entry.near?.has(term)),
    );
  const distinctive = [...owners].filter(([, holders]) => holders.length === 1).map(([, holders]) => holders[0]);
  const singled = new Set(distinctive);
  if (singled.size !== 1 || singled.has(match)) return undefined;
  const [other] = singled;
  return agrees(stated.quantity, other) ? undefined : other;
}

function quantitiesOf(index: PassageIndex, ids: number[]): PassageQuantity[] {
  return ids.flatMap((id) => index.byCitation.get(id) ?? []);
}

function markerList(ids: number[]): string {
  return ids.map((id) => `[${id}]`).join("");
}

/** Why a number was not verified, in words a reader can follow. */
function reasonOf(stated: StatedFigure, cited: number[], found: Search, unknown: number[]): string {
  if (cited.length === 0)
    return unknown.length > 0 ? `${markerList(unknown)} names no passage` : "the sentence cites no passage";
  if (found.sameDigits && !agrees(stated.quantity, found.sameDigits)) {
    const { span, quantity } = found.sameDigits;
    const unit = quantity.writtenUnit && !span.includes(quantity.writtenUnit) ? ` ${quantity.writtenUnit}` : "";
    return `${markerList([found.sameDigits.citation])} states ${span}${unit}: another unit or scale`;
  }
  if (found.namedInstead)
    return (
      `${markerList([found.namedInstead.citation])} gives ${found.namedInstead.span} ` +
      `for ${found.namedInstead.description}`
    );
  if (found.otherSeries) return `${markerList(cited)} states it for ${found.otherSeries}`;
  if (stated.cues.length > 0) return `no ${stated.cues[0]} of the numbers in ${markerList(cited)} gives it`;
  return `not stated in ${markerList(cited)}`;
}

/** Checks one number of a sentence against its citations, then the other passages. */
function checkOne(
  stated: StatedFigure,
  sentence: AnswerSentence,
  cited: number[],
  unknown: number[],
  index: PassageIndex,
  others: number[],
): Figure {
  const figure = figureOfQuantity(stated.quantity, { text: sentence.text, citation: cited[0] ?? unknown[0] ?? 0 });
  figure.inAnswer = { start: sentence.start + stated.quantity.start, span: stated.quantity.span };
  const citedQuantities = quantitiesOf(index, cited);
  // A difference is rarely written in the passage; a number of the passage with that value is then another one.
  const strongDifference = stated.cues.includes("difference");
  const found = search(stated, citedQuantities);
  if (found.match && !strongDifference) return verified(figure, found.match);
  const derivation = stated.cues.length > 0 ? derivationOf(stated, citedQuantities) : undefined;
  if (derivation) return { ...figure, status: "derived", derivation: derivation.text };
  if (found.match && strongDifference && /差|differ|gap/iu.test(found.match.description))
    return verified(figure, found.match);
  if (!strongDifference) {
    const other = search(stated, quantitiesOf(index, others));
    const elsewhere = (other.matchScore ?? 0) >= ELSEWHERE_REFERENT ? other.match : undefined;
    if (elsewhere)
      return {
        ...figure,
        status: "cited-elsewhere",
        foundIn: elsewhere.citation,
        reason: `stated in ${markerList([elsewhere.citation])}, which the sentence does not cite`,
      };
  }
  return { ...figure, status: "unverified", reason: reasonOf(stated, cited, found, unknown) };
}

/**
 * The computation that gives the stated number from the cited numbers the sentence speaks of: of all
 * that give it, the one whose operands the sentence names best, if about as well as the two numbers it
 * names best. A coincidence of other numbers does not vouch for a wrong result. The whole a share is
 * of is usually left unsaid ("实际支出中，经常预算占 65.4%"), so a total row counts as named for it.
 */
function derivationOf(stated: StatedFigure, candidates: PassageQuantity[]): Derivation | undefined {
  const allowed = candidates.filter((entry) => !contradictedSeries(stated.series, entry.series));
  const found = findDerivations(stated.quantity, stated.cues, allowed);
  if (found.length === 0) return undefined;
  // Only numbers of the operands' kind could have been meant.
  const kind = found[0].operands[0].quantity;
  const pool = allowed.filter((entry) => entry.quantity.kind === kind.kind && entry.quantity.unit === kind.unit);
  const sentence: StatedFigure = { ...stated, clause: stated.sentence, near: stated.sentence, total: false };
  const weights = distinctiveness(
    [sentence.clause],
    pool.map((entry) => [entry.referent]),
  );
  const naming = new Map(pool.map((entry) => [entry, score(sentence, entry, weights)]));
  const asWhole = new Map(pool.map((entry) => [entry, score({ ...sentence, total: true }, entry, weights)]));
  const ranked = [...naming].sort((left, right) => right[1] - left[1]);
  const [top, runnerUp] = [ranked[0]?.[1] ?? 0, ranked[1]?.[1] ?? 0];
  const wholes = found.some((derivation) => derivation.cue === "share")
    ? Math.max(0, ...[...asWhole].filter(([entry]) => entry !== ranked[0]?.[0]).map(([, value]) => value))
    : runnerUp;
  const reference = top + Math.max(runnerUp, wholes);
  const named = (derivation: Derivation) =>
    (naming.get(derivation.operands[0]) ?? 0) +
    ((derivation.cue === "share" ? asWhole : naming).get(derivation.operands[1]) ?? 0);
  const best = found.reduce((chosen, derivation) => (named(derivation) > named(chosen) ? derivation : chosen));
  const clearlyNamed = top + runnerUp >= WEAK_NAMING;
  return !clearlyNamed || named(best) >= OPERAND_NAMING * reference ? best : undefined;
}

function verified(figure: Figure, match: PassageQuantity): Figure {
  return {
    ...figure,
    citation: match.citation,
    source: { citation: match.citation, span: match.span, start: match.start },
    status: "verified",
  };
}

/**
 * The figures of one sentence, read from the whole answer's quantities (a reference such as "No. 144" may span a full
 * stop).
 */
function statedFigures(sentence: AnswerSentence, ofSentence: Quantity[]): StatedFigure[] {
  const quantities = ofSentence.map((quantity) => ({
    ...quantity,
    start: quantity.start - sentence.start,
    end: quantity.end - sentence.start,
  }));
  const series = seriesNumbers(quantities.filter((quantity) => !isFigure(quantity)));
  const sentenceTerms = termsOf(sentence.text.replace(/[\d.,%]+/gu, " "));
  return quantities.filter(isFigure).map((quantity) => {
    const clause = clauseAround(sentence.text, quantity.start, quantity.end);
    return {
      quantity,
      years: yearsNamed(quantities.filter((other) => other.kind === "date" && clause.includes(other.span))),
      total: TOTAL_WORD.test(clause),
      clause: termsOf(clause.replace(/[\d.,%]+/gu, " ")),
      near: termsOf(nearAround(sentence.text, quantity.start, quantity.end).replace(/[\d.,%]+/gu, " ")),
      translatedNear: translatedBefore(sentence.text, quantity.start),
      sentence: sentenceTerms,
      series,
      cues: derivationCues(sentence.text.slice(0, quantity.start), sentence.text.slice(quantity.end), quantity),
    };
  });
}

/**
 * Checks every number an answer states against the passage its sentence cites: the same value (in
 * any unit, within the precision written), about what the sentence says it is about (the table cell
 * its row and column name, or the clause around it in prose). A number the cited passages do not
 * state may be a difference, sum, share or ratio of theirs (`derived`); one only another passage
 * states is `cited-elsewhere`; the rest are `unverified`. Markers are never moved to another passage.
 * Each passage is read once, so the work grows with the answer's length times the (few) passages.
 */
export function checkFigures(answer: string, passages: Citation[], options: FigureCheckOptions = {}): FigureCheck {
  const index = indexPassages(passages, options.cellsOfChunk ?? (() => []));
  const known = new Set(passages.map((passage) => passage.id));
  const figures: Figure[] = [];
  const unknownMarkers = new Set<number>();
  const answerQuantities = findQuantities(answer);
  let next = 0;
  for (const sentence of answerSentences(answer)) {
    // Sentences and quantities are both in order: one pass hands each sentence its own.
    const end = sentence.start + sentence.text.length;
    while (next < answerQuantities.length && answerQuantities[next].start < sentence.start) next += 1;
    const ofSentence: Quantity[] = [];
    while (next < answerQuantities.length && answerQuantities[next].start < end)
      ofSentence.push(answerQuantities[next++]);
    const cited = [...new Set(sentence.cited.filter((id) => known.has(id)))];
    const unknown = sentence.cited.filter((id) => !known.has(id));
    for (const id of unknown) unknownMarkers.add(id);
    const others = passages.map((passage) => passage.id).filter((id) => !cited.includes(id));
    for (const stated of statedFigures(sentence, ofSentence))
      figures.push(checkOne(stated, sentence, cited, unknown, index, others));
  }
  acceptShownArithmetic(answer, figures);
  return { figures, unknownMarkers: [...unknownMarkers] };
}
