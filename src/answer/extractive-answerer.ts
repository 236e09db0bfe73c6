import type { Quantity } from "../quantity/find-quantities.js";
import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import { compactText, splitSentences } from "../text/normalize.js";
import { placeNames } from "../text/segmenter.js";
import { variantsOf } from "../text/synonyms.js";
import type { Chunk, Citation, Figure } from "../types.js";
import { citationOf } from "./citation.js";
import { englishLead } from "./english-lead.js";
import { type CitedSentence, figuresIn, figuresOfSentences } from "./figures.js";
import { notFoundMessage, type ReportCoverage } from "./not-found-message.js";
import { anchorVariants, type QuestionAnalysis } from "./question-analysis.js";

export interface ExtractiveAnswer {
  answer: string;
  found: boolean;
  citations: Citation[];
  figures: Figure[];
  /** Weight of the evidence the answer rests on (0–1); the best there was when it declines. */
  evidence: number;
}

/**
 * Calibrated on the tuning question set: of the thresholds that decline at most 5% of answerable
 * questions, the one that keeps the most right answers and declines the most unanswerable ones
 * (`bench/calibrate-refusal.ts` prints the table and the choice).
 */
export const REFUSAL_THRESHOLD = 0.35;

export interface ExtractiveAnswererOptions {
  /**
   * Below this weight of evidence the answer is "not in the report". The weight (0–1) is the share of
   * the question's terms the best sentence and its context hold, times how well it meets the
   * question's constraints and the kind of answer asked for. @default REFUSAL_THRESHOLD
   */
  refusalThreshold?: number;
  /** At most this many sentences in an answer, besides the items of a list. @default 2 */
  maximumSentences?: number;
  /** Weight of a question term (e.g. its inverse document frequency in the report). */
  termWeight: (term: string) => number;
  /** The report and what it covers, named when it does not answer. @default none named */
  coverage?: ReportCoverage;
  /** The passage that follows a passage in its document, where a list it announces may go on. */
  followingChunk?: (chunk: Chunk) => Chunk | undefined;
}

/** A sentence of a retrieved passage, scored against the question. */
interface Candidate {
  sentence: string;
  /** Position of the passage in the retrieved list. */
  passage: number;
  /** Position of the sentence in its passage. */
  position: number;
  /** Weighted share of question terms in the sentence itself. */
  ownCoverage: number;
  /** Weighted share of question terms in the sentence, the one before it and its section heading. */
  unitCoverage: number;
  /** How well the sentence meets the question's constraints and answer type (0–1). */
  fit: number;
  /** Weight of evidence: coverage times fit. */
  evidence: number;
  score: number;
  covered: Set<string>;
  /** For an item read from the passage after a retrieved one, the position of that retrieved passage. */
  continues?: number;
}

interface PassageText {
  heading: string;
  sentences: string[];
  /** A table's rows are read under its first row, which names the columns. */
  table: boolean;
}

/** What a sentence is read with: the sentence before it, or a table row's column names. */
function contextOf(passage: PassageText, position: number): string {
  if (position === 0) return "";
  return (passage.table ? passage.sentences[0] : passage.sentences[position - 1]) ?? "";
}

/**
 * A figure caption ("图 3. 按政策成果目标分列的总支出(以百万美元计)") names a chart; it answers
 * nothing.
 */
const FIGURE_CAPTION = /^图\s*[\dIVX]+(\.\d+)?\.?\s[^。！？；]*$/u;

/** A line that repeats a heading of the passage's section path answers nothing. */
function isHeading(sentence: string, chunk: RetrievedChunk["chunk"]): boolean {
  const compact = compactText(sentence);
  return compact.length >= 4 && chunk.sectionPath.some((heading) => compactText(heading).includes(compact));
}

/** An item longer than this is read sentence by sentence. */
const LONGEST_ITEM = 200;

/** The sentences of a passage's body; a line that is an item of an enumeration is read whole. */
function sentencesOf(body: string): string[] {
  return body.split(/\n(?=\s*\S)/u).flatMap((line) => {
    if (!LIST_ITEM.test(line)) return splitSentences(line);
    // The item runs to its first full stop; what follows on the line is prose again.
    const end = /[。！？](?=\s*\S)/u.exec(line);
    const item = (end ? line.slice(0, end.index + 1) : line).trim();
    const rest = end ? line.slice(end.index + 1) : "";
    return item.length <= LONGEST_ITEM ? [item, ...splitSentences(rest)] : splitSentences(line);
  });
}

/** A first line without sentence punctuation is the heading the ingester put before the passage. */
function readPassage(chunk: RetrievedChunk["chunk"]): PassageText {
  const lines = chunk.text.split("\n");
  const first = lines[0].trim();
  const hasHeading = lines.length > 1 && first.length <= 80 && !/[。！？；]/u.test(first);
  const body = hasHeading ? lines.slice(1).join("\n") : chunk.text;
  const heading = `${chunk.section} ${chunk.label ?? ""} ${hasHeading ? first : ""}`;
  const sentences =
    chunk.kind === "table"
      ? body
          .split("\n")
          .map((line) => line.trim())
          .filter((line) => line.length > 0)
      : sentencesOf(body).filter((sentence) => !FIGURE_CAPTION.test(sentence) && !isHeading(sentence, chunk));
  return { heading, sentences, table: chunk.kind === "table" };
}

/** Each passage read once: its heading and sentences are the same for every question. */
const readPassages = new WeakMap<RetrievedChunk["chunk"], PassageText>();

function passageText(retrieved: RetrievedChunk): PassageText {
  let passage = readPassages.get(retrieved.chunk);
  if (!passage) {
    passage = readPassage(retrieved.chunk);
    readPassages.set(retrieved.chunk, passage);
  }
  return passage;
}

/**
 * "比 2016-2017 两年期增加 29%": a period after 比 is the baseline a change is measured from, not the subject.
 */
const BASELINE_BEFORE = /(比|相比|较)(\d{4}[-–])?$/u;

/** What follows a baseline period that states its figure: "年的 3,000 万", "的 45 份". */
const BASELINE_FIGURE_AFTER = /^([-–]\d{2,4})?年?(的|为)\d/u;

/** True when `compact` mentions `variant`; as a comparison baseline only when `baselineToo`. */
function mentions(compact: string, variant: string, baselineToo: boolean): boolean {
  const numeric = /^\d/u.test(variant);
  for (let found = compact.indexOf(variant); found >= 0; found = compact.indexOf(variant, found + 1)) {
    // A number is mentioned as itself: 21 is not mentioned by 2021, 21.6 or 210.
    if (numeric && !isWholeNumberAt(compact, found, variant.length)) continue;
    if (baselineToo || !numeric || !BASELINE_BEFORE.test(compact.slice(Math.max(0, found - 7), found))) return true;
    // "比 2016-2017 年的 3,000 万个" states the baseline's own figure: the period is mentioned as itself.
    if (BASELINE_FIGURE_AFTER.test(compact.slice(found + variant.length, found + variant.length + 12))) return true;
  }
  return false;
}

function isWholeNumberAt(text: string, start: number, length: number): boolean {
  // A point before the number is a decimal point only after a digit ("21.6"), not after "I." of a heading.
  const before = text.slice(Math.max(0, start - 2), start);
  const after = text.slice(start + length, start + length + 2);
  return !/(\d|\d\.)$/u.test(before) && !/^(\d|\.\d|,\d)/u.test(after);
}

/** How much a term carried from earlier turns counts against one of the question itself. */
const CONTEXT_TERM_WEIGHT = 0.5;

/** A term, the words the report may use instead, and the forms the question's analysis found for it. */
function formsOf(term: string, alternatives: ReadonlyMap<string, string[]>): string[] {
  return [...variantsOf(term), ...(alternatives.get(term) ?? [])];
}

function mentionsAnchor(
  text: string,
  anchor: string,
  asBaseline: boolean,
  alternatives: ReadonlyMap<string, string[]>,
): boolean {
  const compact = compactText(text).toLowerCase();
  return [...anchorVariants(anchor), ...formsOf(anchor, alternatives)].some((variant) =>
    mentions(compact, compactText(variant).toLowerCase(), asBaseline),
  );
}

/** Weight of an anchor named only elsewhere in the passage, or nowhere in it. */
const ANCHOR_IN_PASSAGE = 0.7;
const ANCHOR_MISSING = 0.3;

/**
 * How well a sentence meets the constraints the question names (years, periods, places, numbered
 * bodies): each anchor counts fully when the sentence, the one before it or its heading mention it,
 * partly when only the passage does, little when it is absent. The product over the anchors.
 */
function constraintFit(
  near: string,
  passage: string,
  analysis: Pick<QuestionAnalysis, "anchors" | "baselines" | "alternatives">,
): number {
  let fit = 1;
  for (const anchor of analysis.anchors) {
    const asBaseline = analysis.baselines.includes(anchor);
    if (mentionsAnchor(near, anchor, asBaseline, analysis.alternatives)) continue;
    fit *= mentionsAnchor(passage, anchor, asBaseline, analysis.alternatives) ? ANCHOR_IN_PASSAGE : ANCHOR_MISSING;
  }
  return fit;
}

const CURRENCY_UNIT = /美元|million|billion|dollar|US\$|\$/iu;
/** Digits of a written number without separators and estimates, for matching `3,650` against `3650`. */
function digitsOf(written: string): string {
  return written.normalize("NFKC").replace(/[,\s多余]/gu, "");
}

/** An amount of money, or a bare amount in millions or billions (as English tables write them). */
function isMoney(quantity: Quantity): boolean {
  return quantity.kind === "money" || (quantity.kind === "number" && /million|billion/iu.test(quantity.writtenUnit));
}

function isShare(quantity: Quantity): boolean {
  return quantity.kind === "percent" || quantity.kind === "percentage-point";
}

/** Words that name someone or something: organisations, governments, countries, people. */
const NAMES_SOMEONE =
  /政府|组织|委员会|联盟|基金|银行|部|署|局|中心|大学|协会|联合会|工会|伙伴|国|[A-Z]{2,}|[\p{Lu}][\p{Ll}]+ [\p{Lu}]/u;

/**
 * How well a sentence gives the kind of answer asked for: an amount of money, a count, a share,
 * someone or something named. 1 when it does; less when it states another kind of figure or none.
 */
/** A sentence that ends in a colon: what it announces follows it. */
const ENDS_IN_COLON = /[：:]\s*$/u;
/** A sentence that names several things: a 、-series, a semicolon list, "A, B and C". */
const ENUMERATES = /、|；|, [^,]+,? and /u;

/**
 * True when the sentence counts what the question counts: a number, then within a few characters
 * the thing's classifier or the start of its noun ("多少家工厂" is answered by "120 家工厂").
 */
function countsTheThing(sentence: string, counted: { classifier: string; noun: string }): boolean {
  const compact = compactText(sentence);
  const thing = counted.noun.slice(0, 2);
  const after = new RegExp(
    `(\\d|[一二两三四五六七八九十百千万])[^，。；]{0,` +
      `6}?(${[counted.classifier, thing].filter(Boolean).join("|")})`,
    "u",
  );
  return after.test(compact);
}

/** A count written in Chinese numerals: 九次, 两个, 三项; a lone 一 ("一项计划") is an article, not a count. */
const COUNT_IN_WORDS =
  /(?:[一二两三四五六七八九十百千]{2,}|[二两三四五六七八九十百千])\s*(个|项|名|次|家|所|国|位|份|种|场|届|类|条|倍)/u;

/** Fit of a sentence that counts the things a list question asks for without naming them. */
const COUNTS_ONLY_FIT = 0.35;
/** Weight of a sentence whose own words hold none of the question's terms (its context does). */
const CONTEXT_ONLY_FIT = 0.6;
/** Fit of a sentence that states no figure to a question that asks for one. */
const NO_FIGURE_FIT = 0.3;
/** Fit of a sentence that states only another kind of figure than the one asked for. */
const OTHER_FIGURE_FIT = 0.45;

/** Words that give a cause. */
const GIVES_CAUSE =
  /由于|因为|原因|归因|归结|源于|得益于|导致|所以|因此|鉴于|\b(due to|because|owing to|as a result|thanks to)\b/iu;
/** Fit of a sentence that names no place to a "where" question, or gives no cause to a "why" one. */
const MISSING_KIND_FIT = 0.6;

/** The sentence after `position` in a passage of prose when it gives a cause; "" otherwise. */
function causeAfter(passage: PassageText, position: number): string {
  const next = passage.table ? undefined : passage.sentences[position + 1];
  return next !== undefined && GIVES_CAUSE.test(next) ? next : "";
}

/** How well a sentence gives the kind of answer asked for, a place or a cause included. */
function answerTypeFit(sentence: string, context: string, analysis: QuestionAnalysis, next = ""): number {
  // A cause is often given in the sentence after the one that states what it explains.
  const cause = analysis.wantsReason && !GIVES_CAUSE.test(`${sentence}${next}`) ? MISSING_KIND_FIT : 1;
  const place = analysis.wantsPlace && placeNames(sentence).length === 0 ? MISSING_KIND_FIT : 1;
  return cause * place * figureTypeFit(sentence, context, analysis);
}

function figureTypeFit(sentence: string, context: string, analysis: QuestionAnalysis): number {
  // A number the question itself names ("那 55 个国家") is not the answer to it.
  const named = new Set(analysis.anchors.map(digitsOf));
  const figures = figuresIn(sentence).filter((quantity) => !named.has(digitsOf(quantity.written)));
  const countInWords = COUNT_IN_WORDS.test(sentence);
  // Years are not figures; "30 年" after a verb is a duration, a quantity like any other.
  const quantities = figures;
  if (analysis.wantsMoney) {
    if (figures.some(isMoney)) return 1;
    // A bare figure under a heading or in a table that gives the currency is an amount too.
    if (figures.length > 0 && CURRENCY_UNIT.test(context)) return 0.9;
    // A count in words ("一项计划") is no amount.
    return quantities.length > 0 ? OTHER_FIGURE_FIT : NO_FIGURE_FIT;
  }
  if (analysis.wantsCount) {
    if (analysis.counted && (figures.length > 0 || countInWords))
      return countsTheThing(sentence, analysis.counted) ? 1 : 0.7;
    if (countInWords || figures.some((quantity) => quantity.kind === "count" || quantity.kind === "number")) return 1;
    // A share or an amount does not count people or things.
    return quantities.length > 0 ? OTHER_FIGURE_FIT : NO_FIGURE_FIT;
  }
  if (analysis.wantsShare) return figures.some(isShare) ? 1 : figures.length > 0 ? 0.6 : NO_FIGURE_FIT;
  if (analysis.wantsNumber) return quantities.length > 0 || countInWords ? 1 : NO_FIGURE_FIT;
  if (analysis.wantsDate) return /(19|20)\d{2}|\d{1,2}\s*月|[一二三四五六七八九十]+月/u.test(sentence) ? 1 : 0.5;
  // A sentence that ends in a colon announces the items that follow it.
  if (analysis.wantsList) {
    if (ENUMERATES.test(sentence) || LIST_ITEM.test(sentence) || ENDS_IN_COLON.test(sentence)) return 1;
    // "有 15 个开拓国家" counts what the question asks to list, and names none of them.
    const countsOnly =
      analysis.listed !== undefined && countsTheThing(sentence, { classifier: "", noun: analysis.listed });
    return countsOnly ? COUNTS_ONLY_FIT : 0.7;
  }
  if (analysis.wantsEntity && !analysis.wantsPlace) return NAMES_SOMEONE.test(`${sentence}`) ? 1 : 0.75;
  return 1;
}

/** A line that is an item of an enumeration: a bullet, (1), 1., ①, （一）, (i), 第一. */
const LIST_ITEM = new RegExp(
  [
    String.raw`^\s*(?:[•·▪◦ο○\-–—*]|\(?\d{1,2}\)|（\d{1,2}）`,
    String.raw`|\d{1,2}[.、](?!\d)|[①-⑳]|（[一二三四五六七八九十]+）`,
    String.raw`|[一二三四五六七八九十]+、|\([ivx]+\)`,
    "|第[一二三四五六七八九十]+[，,、])",
  ].join(""),
  "iu",
);
/** "以及" or "and" left alone between the last two items when the list was split at its semicolons. */
const LIST_JOINER = /^\s*(以及|及|和|或|and|or)\s*$/iu;

function isItemLine(sentence: string | undefined): boolean {
  return sentence !== undefined && (LIST_ITEM.test(sentence) || LIST_JOINER.test(sentence));
}

/** A sentence that announces a list: it ends in a colon or says what follows. */
const ANNOUNCES_LIST = /[：:]\s*$|包括|如下|以下|下列|以下几|the following|include/iu;
/** At most this many items of an enumeration in one answer. */
const MAXIMUM_ITEMS = 10;

/**
 * The items of the enumeration a sentence belongs to or announces, so that a list answer is whole:
 * the item lines that follow it in its passage (and, for an item, those before it too).
 */
function enumerationOf(best: Candidate, candidates: Candidate[], sentences: string[]): Candidate[] {
  const isItem = LIST_ITEM.test(best.sentence);
  if (!isItem && !ANNOUNCES_LIST.test(best.sentence)) return [];
  let first = best.position + 1;
  if (isItem) while (first - 1 > 0 && isItemLine(sentences[first - 2])) first -= 1;
  let last = best.position;
  while (last + 1 < sentences.length && isItemLine(sentences[last + 1])) last += 1;
  const positions: number[] = [];
  for (let position = isItem ? first - 1 : first; position <= last; position += 1)
    if (position !== best.position && !LIST_JOINER.test(sentences[position])) positions.push(position);
  return positions
    .slice(0, MAXIMUM_ITEMS)
    .flatMap(
      (position) =>
        candidates.find((candidate) => candidate.passage === best.passage && candidate.position === position) ?? [],
    );
}

/**
 * The chosen sentences and those answering parts of the question, each once, in reading order. Passages
 * from `retrievedCount` on continue the chosen ones: their items stay after the sentence that announces them.
 */
function merged(chosen: Candidate[], fromParts: Candidate[], retrievedCount: number): Candidate[] {
  const all = [...chosen];
  for (const part of fromParts)
    if (!all.some((other) => other.passage === part.passage && other.position === part.position)) all.push(part);
  const continued = (candidate: Candidate) => candidate.passage >= retrievedCount;
  const order = (candidate: Candidate) => (continued(candidate) ? (candidate.continues ?? 0) + 0.5 : candidate.passage);
  return all.sort((left, right) => order(left) - order(right) || left.position - right.position);
}

/** The figures asked for, in English, from the first sentence that states them, with that sentence's citation. */
function englishLeadOf(sentences: CitedSentence[], analysis: QuestionAnalysis): string | undefined {
  for (const sentence of sentences) {
    const lead = englishLead(sentence.text, analysis);
    if (lead) return `${lead} [${sentence.citation}]`;
  }
  return undefined;
}

/** Quoted sentences of a report in another language, after the figure they give in English when there is one. */
function englishOverQuotation(body: string[], lead: string | undefined): string {
  const quoted = body.map((text) => `“${text.replace(/\[(\d+)\]$/u, "”[$1]")}`).join(" ");
  return lead ? `${lead}. The report, in Chinese: ${quoted}` : `The report, in Chinese: ${quoted}`;
}

/**
 * Answers without a language model: the sentences of the retrieved passages that best cover the
 * question, each followed by the marker of the passage it comes from. Declines (found: false) when no
 * sentence holds the question's key terms and the years or numbers it names.
 */
export class ExtractiveAnswerer {
  private readonly refusalThreshold: number;
  private readonly maximumSentences: number;

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.refusalThreshold = options.refusalThreshold ?? REFUSAL_THRESHOLD;
    this.maximumSentences = options.maximumSentences ?? 2;
  }

  /**
   * `parts` are the analyses of each part of a multi-part question ("…多少？…占多少？"): each part that
   * the passages answer adds its best sentence, with its citation.
   */
  answer(analysis: QuestionAnalysis, given: RetrievedChunk[], parts: QuestionAnalysis[] = []): ExtractiveAnswer {
    // Passages that continue a retrieved one may join the list.
    const retrieved = [...given];
    const passages = retrieved.map(passageText);
    const candidates = this.rank(analysis, passages);
    const best = candidates[0];
    const wholeAnswered = best !== undefined && best.evidence >= this.refusalThreshold;
    // A multi-part question is answered by the parts the passages answer, even when no sentence answers all.
    const fromParts = this.partAnswers(parts, passages);
    if (!wholeAnswered && fromParts.length === 0) {
      return {
        answer: notFoundMessage(
          analysis.language,
          retrieved.map((item) => item.chunk.section),
          this.options.coverage,
        ),
        found: false,
        citations: [],
        figures: [],
        evidence: best?.evidence ?? 0,
      };
    }
    const citations: Citation[] = [];
    const citationOfPassage = new Map<number, number>();
    const picked = wholeAnswered ? this.choose(best, candidates, analysis) : [];
    const chosen = merged(
      this.withEnumerations(picked, candidates, analysis, retrieved, passages),
      fromParts,
      given.length,
    );
    const sentences: CitedSentence[] = chosen.map((candidate) => {
      let id = citationOfPassage.get(candidate.passage);
      if (id === undefined) {
        id = citations.length + 1;
        citationOfPassage.set(candidate.passage, id);
        citations.push(citationOf(retrieved[candidate.passage].chunk, id, retrieved[candidate.passage].score));
      }
      return { text: this.withContext(candidate, passages[candidate.passage], analysis), citation: id };
    });
    // The sentence the answer rests on: the best whole answer, else the first part answered.
    const lead = sentences[Math.max(0, chosen.indexOf(wholeAnswered ? best : fromParts[0]))];
    return {
      answer: this.compose(sentences, analysis, lead),
      found: true,
      citations,
      figures: figuresOfSentences(sentences, citations),
      evidence: Math.max(best?.evidence ?? 0, ...fromParts.map((part) => part.evidence)),
    };
  }

  /**
   * The items that open the passage after the one `best` ends, where a list it announces ("…包括：")
   * or belongs to goes on. The passage joins `retrieved` and `passages` so that it is cited.
   */
  private continuedItems(best: Candidate, retrieved: RetrievedChunk[], passages: PassageText[]): Candidate[] {
    const { sentences } = passages[best.passage];
    // Only "以及" or "and" may stand between the sentence and the end of its passage.
    if (sentences.slice(best.position + 1).some((sentence) => !LIST_JOINER.test(sentence))) return [];
    const following = this.options.followingChunk?.(retrieved[best.passage].chunk);
    if (!following) return [];
    const continuation = { ...retrieved[best.passage], chunk: following };
    const next = passageText(continuation);
    let count = 0;
    while (count < next.sentences.length && count < MAXIMUM_ITEMS && isItemLine(next.sentences[count])) count += 1;
    if (count === 0) return [];
    const passage = retrieved.length;
    retrieved.push(continuation);
    passages.push(next);
    return next.sentences.slice(0, count).flatMap((sentence, position) =>
      LIST_JOINER.test(sentence)
        ? []
        : [
            {
              ...best,
              sentence,
              passage,
              position,
              continues: best.passage,
              covered: new Set<string>(),
              score: 0,
              evidence: 0,
            },
          ],
    );
  }

  private coverageOf(
    text: string,
    terms: string[],
    weights: Map<string, number>,
    total: number,
    alternatives: ReadonlyMap<string, string[]>,
  ): { covered: Set<string>; coverage: number } {
    const compact = compactText(text).toLowerCase();
    const covered = new Set(
      terms.filter((term) =>
        formsOf(term, alternatives).some((variant) => compact.includes(compactText(variant).toLowerCase())),
      ),
    );
    return { covered, coverage: [...covered].reduce((sum, term) => sum + (weights.get(term) ?? 0), 0) / total };
  }

  private rank(analysis: QuestionAnalysis, passages: PassageText[]): Candidate[] {
    const weights = new Map([
      ...analysis.contextTerms.map((term): [string, number] => [
        term,
        CONTEXT_TERM_WEIGHT * this.options.termWeight(term),
      ]),
      ...analysis.terms.map((term): [string, number] => [term, this.options.termWeight(term)]),
    ]);
    const terms = [...weights.keys()];
    const total = [...weights.values()].reduce((sum, weight) => sum + weight, 0) || 1;
    const candidates: Candidate[] = [];
    passages.forEach(({ heading, sentences }, passage) => {
      const whole = sentences.join(" ");
      sentences.forEach((sentence, position) => {
        const own = this.coverageOf(sentence, terms, weights, total, analysis.alternatives);
        const near = `${heading} ${contextOf(passages[passage], position)} ${sentence}`;
        const unit = this.coverageOf(near, terms, weights, total, analysis.alternatives);
        const fit =
          constraintFit(near, whole, analysis) *
          answerTypeFit(sentence, `${heading} ${near}`, analysis, causeAfter(passages[passage], position));
        // A sentence that holds none of the question's terms itself answers only through its context.
        const evidence = (0.6 * own.coverage + 0.4 * unit.coverage) * fit * (own.coverage > 0 ? 1 : CONTEXT_ONLY_FIT);
        candidates.push({
          sentence,
          passage,
          position,
          ownCoverage: own.coverage,
          unitCoverage: unit.coverage,
          covered: own.covered,
          fit,
          evidence,
          score: evidence + 0.1 / (passage + 1),
        });
      });
    });
    return candidates.sort((left, right) => right.score - left.score);
  }

  /** The best sentence, then others that add question terms (or items, for a list question). */
  /** The best sentence of each part of the question that the passages answer. */
  private partAnswers(parts: QuestionAnalysis[], passages: PassageText[]): Candidate[] {
    return parts.flatMap((part) => {
      const best = this.rank(part, passages)[0];
      return best && best.evidence >= this.refusalThreshold ? [best] : [];
    });
  }

  private choose(best: Candidate, candidates: Candidate[], analysis: QuestionAnalysis): Candidate[] {
    const limit = this.maximumSentences + (analysis.wantsList ? 2 : 0);
    const chosen = [best];
    const covered = new Set(best.covered);
    for (const candidate of candidates) {
      if (chosen.length >= limit) break;
      if (candidate === best) continue;
      if (candidate.score < best.score * 0.7) break;
      const addsTerms = [...candidate.covered].some((term) => !covered.has(term));
      if (!addsTerms && !analysis.wantsList) continue;
      if (chosen.some((other) => other.sentence === candidate.sentence)) continue;
      chosen.push(candidate);
      for (const term of candidate.covered) covered.add(term);
    }
    return chosen;
  }

  /**
   * The chosen sentences, each followed by the items of the enumeration it announces or belongs to:
   * a sentence that ends in a colon says nothing without them, and a list question asks for them.
   * One that announces items the passages do not hold is left out, unless it is the best there is.
   */
  private withEnumerations(
    chosen: Candidate[],
    candidates: Candidate[],
    analysis: QuestionAnalysis,
    retrieved: RetrievedChunk[],
    passages: PassageText[],
  ): Candidate[] {
    const result: Candidate[] = [];
    for (const [rank, candidate] of chosen.entries()) {
      const announces = ENDS_IN_COLON.test(candidate.sentence);
      if (!announces && !(analysis.wantsList && rank === 0)) {
        result.push(candidate);
        continue;
      }
      const items = enumerationOf(candidate, candidates, passages[candidate.passage].sentences);
      // An enumeration that runs to the end of its passage goes on in the next one.
      const last = items.at(-1) ?? candidate;
      if (announces || items.length > 0) items.push(...this.continuedItems(last, retrieved, passages));
      if (announces && items.length === 0 && rank > 0) continue;
      result.push(candidate, ...items);
    }
    return result.filter(
      (candidate, position) =>
        result.findIndex((other) => other.passage === candidate.passage && other.position === candidate.position) ===
        position,
    );
  }

  /**
   * The sentence with the one before it when that one holds question terms the sentence lacks
   * ("例如，安提瓜和巴布达雇主联合会…" before "2018 年 8 月，…签署了…").
   */
  private withContext(candidate: Candidate, passage: PassageText, analysis: QuestionAnalysis): string {
    const cause =
      analysis.wantsReason && !GIVES_CAUSE.test(candidate.sentence) ? causeAfter(passage, candidate.position) : "";
    return `${this.withPrevious(candidate, passage, analysis)}${cause}`;
  }

  private withPrevious(candidate: Candidate, passage: PassageText, analysis: QuestionAnalysis): string {
    const previous = contextOf(passage, candidate.position);
    if (passage.table && previous) return `${previous}：${candidate.sentence}`;
    // An item of a list is said with the list, not with the item before it.
    if (LIST_ITEM.test(candidate.sentence)) return candidate.sentence;
    if (!previous || previous.length > 160) return candidate.sentence;
    const compact = compactText(previous).toLowerCase();
    const adds = analysis.terms.some(
      (term) => !candidate.covered.has(term) && compact.includes(compactText(term).toLowerCase()),
    );
    // "Which country / who" is often named in the sentence before the one that matches the question.
    return adds || analysis.wantsEntity ? `${previous}${candidate.sentence}` : candidate.sentence;
  }

  private compose(sentences: CitedSentence[], analysis: QuestionAnalysis, lead: CitedSentence | undefined): string {
    const merged: CitedSentence[] = [];
    for (const sentence of sentences) {
      const last = merged[merged.length - 1];
      if (last?.text.includes(sentence.text)) continue;
      // A sentence that was chosen and also comes back as the context of the next one is said once.
      if (last && last.citation === sentence.citation && sentence.text.startsWith(last.text))
        merged[merged.length - 1] = sentence;
      else merged.push(sentence);
    }
    const body = merged.map((sentence) => `${sentence.text.replace(/\s+$/u, "")}[${sentence.citation}]`);
    // An English question answered from Chinese passages: the figure asked for first, in English, then
    // the report's own words as the evidence.
    if (analysis.language === "en" && merged.some((sentence) => /\p{Script=Han}/u.test(sentence.text)))
      return englishOverQuotation(body, englishLeadOf([...(lead ? [lead] : []), ...merged], analysis));
    return body.join(analysis.language === "en" || !/\p{Script=Han}/u.test(body.join("")) ? " " : "");
  }
}
