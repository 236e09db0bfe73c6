import type { RetrievedChunk } from "../retrieval/hybrid-retriever.js";
import { compactText, splitSentences } from "../text/normalize.js";
import { findFigures } from "../text/numbers.js";
import { variantsOf } from "../text/synonyms.js";
import type { Citation, Figure } from "../types.js";
import { citationOf } from "./citation.js";
import { type CitedSentence, figuresOfSentences } from "./figures.js";
import { notFoundMessage, type ReportCoverage } from "./not-found-message.js";
import { anchorVariants, type QuestionAnalysis } from "./question-analysis.js";

export interface ExtractiveAnswer {
  answer: string;
  found: boolean;
  citations: Citation[];
  figures: Figure[];
}

export interface ExtractiveAnswererOptions {
  /** Share of the question's weighted terms the best sentence, the one before it and its heading must hold. @default 0.5 */
  minimumCoverage?: number;
  /** Share of the question's weighted terms the best sentence itself must hold. @default 0.15 */
  minimumSentenceCoverage?: number;
  /** At most this many sentences in an answer (lists get two more). @default 2 */
  maximumSentences?: number;
  /** Weight of a question term (e.g. its inverse document frequency in the report). */
  termWeight: (term: string) => number;
  /** The report and what it covers, named when it does not answer. */
  coverage: ReportCoverage;
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
  score: number;
  covered: Set<string>;
}

interface PassageText {
  heading: string;
  sentences: string[];
}

/** A figure caption ("图 3. 按政策成果目标分列的总支出(以百万美元计)") names a chart; it answers nothing. */
const FIGURE_CAPTION = /^图\s*[\dIVX]+(\.\d+)?\.?\s[^。！？；]*$/u;

/** A first line without sentence punctuation is the heading the ingester put before the passage. */
function passageText(retrieved: RetrievedChunk): PassageText {
  const { chunk } = retrieved;
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
      : splitSentences(body).filter((sentence) => !FIGURE_CAPTION.test(sentence));
  return { heading, sentences };
}

/** "比 2016-2017 两年期增加 29%": a period after 比 is the baseline a change is measured from, not the subject. */
const BASELINE_BEFORE = /(比|相比|较)(\d{4}[-–])?$/u;

/** True when `compact` mentions `variant`; as a comparison baseline only when `baselineToo`. */
function mentions(compact: string, variant: string, baselineToo: boolean): boolean {
  for (let found = compact.indexOf(variant); found >= 0; found = compact.indexOf(variant, found + 1)) {
    if (baselineToo || !/^\d/u.test(variant) || !BASELINE_BEFORE.test(compact.slice(Math.max(0, found - 7), found)))
      return true;
  }
  return false;
}

/** Every anchor of the question is mentioned in `text`; the question's own baselines may be mentioned as baselines. */
function containsAll(text: string, analysis: Pick<QuestionAnalysis, "anchors" | "baselines">): boolean {
  const compact = compactText(text).toLowerCase();
  return analysis.anchors.every((anchor) =>
    [...anchorVariants(anchor), ...variantsOf(anchor)].some((variant) =>
      mentions(compact, compactText(variant).toLowerCase(), analysis.baselines.includes(anchor)),
    ),
  );
}

/** How many of the best sentences are considered as the one an answer rests on. */
const SUPPORT_SEARCH_DEPTH = 6;
/** The sentence an answer rests on scores at least this share of the best sentence. */
const SUPPORT_SCORE_SHARE = 0.9;

/** How much a term carried from earlier turns counts against one of the question itself. */
const CONTEXT_TERM_WEIGHT = 0.5;

const CURRENCY_UNIT = /美元|million|billion/u;

/** True when a sentence states an amount of money. */
function statesMoney(sentence: string): boolean {
  return findFigures(sentence).some((mention) => mention.unit !== undefined && CURRENCY_UNIT.test(mention.unit));
}

/** True when a sentence states a quantity: a figure other than a date. */
function statesQuantity(sentence: string): boolean {
  return findFigures(sentence).some((mention) => mention.unit !== "年" && mention.unit !== "月");
}

/**
 * Answers without a language model: the sentences of the retrieved passages that best cover the
 * question, each followed by the marker of the passage it comes from. Declines (found: false) when no
 * sentence holds the question's key terms and the years or numbers it names.
 */
export class ExtractiveAnswerer {
  private readonly minimumCoverage: number;
  private readonly minimumSentenceCoverage: number;
  private readonly maximumSentences: number;

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.minimumCoverage = options.minimumCoverage ?? 0.5;
    this.minimumSentenceCoverage = options.minimumSentenceCoverage ?? 0.15;
    this.maximumSentences = options.maximumSentences ?? 2;
  }

  answer(analysis: QuestionAnalysis, retrieved: RetrievedChunk[]): ExtractiveAnswer {
    const passages = retrieved.map(passageText);
    const candidates = this.rank(analysis, passages);
    // The best sentence that supports an answer, if it is nearly as good as the best of all: a
    // "how many" question passes over a well-matching sentence that states no number.
    // Only sentences that state a quantity can answer "how many", so only they set the bar.
    const eligible = analysis.wantsNumber
      ? candidates.filter((candidate) => statesQuantity(candidate.sentence))
      : candidates;
    const best = eligible
      .slice(0, SUPPORT_SEARCH_DEPTH)
      .find(
        (candidate) =>
          candidate.score >= eligible[0].score * SUPPORT_SCORE_SHARE && this.isSupported(candidate, analysis, passages),
      );
    if (!best) {
      return {
        answer: notFoundMessage(
          analysis.language,
          retrieved.map((item) => item.chunk.section),
          this.options.coverage,
        ),
        found: false,
        citations: [],
        figures: [],
      };
    }
    const citations: Citation[] = [];
    const citationOfPassage = new Map<number, number>();
    const sentences: CitedSentence[] = this.choose(best, candidates, analysis).map((candidate) => {
      let id = citationOfPassage.get(candidate.passage);
      if (id === undefined) {
        id = citations.length + 1;
        citationOfPassage.set(candidate.passage, id);
        citations.push(citationOf(retrieved[candidate.passage].chunk, id, retrieved[candidate.passage].score));
      }
      return { text: this.withContext(candidate, passages[candidate.passage].sentences, analysis), citation: id };
    });
    return {
      answer: this.compose(sentences, analysis),
      found: true,
      citations,
      figures: figuresOfSentences(sentences, citations),
    };
  }

  private coverageOf(
    text: string,
    terms: string[],
    weights: Map<string, number>,
    total: number,
  ): { covered: Set<string>; coverage: number } {
    const compact = compactText(text).toLowerCase();
    const covered = new Set(
      terms.filter((term) => variantsOf(term).some((variant) => compact.includes(compactText(variant).toLowerCase()))),
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
      sentences.forEach((sentence, position) => {
        const own = this.coverageOf(sentence, terms, weights, total);
        const unit = this.coverageOf(`${heading} ${sentences[position - 1] ?? ""} ${sentence}`, terms, weights, total);
        const numberBonus = analysis.wantsNumber && statesQuantity(sentence) ? 0.15 : 0;
        const anchorBonus =
          analysis.anchors.length > 0 &&
          containsAll(`${heading} ${sentences[position - 1] ?? ""} ${sentence}`, analysis)
            ? 0.1
            : 0;
        const score = 0.6 * own.coverage + 0.4 * unit.coverage + numberBonus + anchorBonus + 0.05 / (passage + 1);
        candidates.push({
          sentence,
          passage,
          position,
          ownCoverage: own.coverage,
          unitCoverage: unit.coverage,
          covered: own.covered,
          score,
        });
      });
    });
    return candidates.sort((left, right) => right.score - left.score);
  }

  private isSupported(best: Candidate, analysis: QuestionAnalysis, passages: PassageText[]): boolean {
    if (best.unitCoverage < this.minimumCoverage || best.ownCoverage < this.minimumSentenceCoverage) return false;
    const { heading, sentences } = passages[best.passage];
    const near = `${heading} ${sentences[best.position - 1] ?? ""} ${best.sentence}`;
    if (!containsAll(near, analysis)) return false;
    if (analysis.wantsMoney) return statesMoney(best.sentence);
    return !analysis.wantsNumber || statesQuantity(best.sentence);
  }

  /** The best sentence, then others that add question terms (or items, for a list question). */
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
    return chosen.sort((left, right) => left.passage - right.passage || left.position - right.position);
  }

  /**
   * The sentence with the one before it when that one holds question terms the sentence lacks
   * ("例如，安提瓜和巴布达雇主联合会…" before "2018 年 8 月，…签署了…").
   */
  private withContext(candidate: Candidate, sentences: string[], analysis: QuestionAnalysis): string {
    const previous = sentences[candidate.position - 1];
    if (!previous || previous.length > 160) return candidate.sentence;
    const compact = compactText(previous).toLowerCase();
    const adds = analysis.terms.some(
      (term) => !candidate.covered.has(term) && compact.includes(compactText(term).toLowerCase()),
    );
    // "Which country / who" is often named in the sentence before the one that matches the question.
    return adds || analysis.wantsEntity ? `${previous}${candidate.sentence}` : candidate.sentence;
  }

  private compose(sentences: CitedSentence[], analysis: QuestionAnalysis): string {
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
    // An English question answered from Chinese passages: the quotation is marked as the report's own words.
    if (analysis.language === "en" && merged.some((sentence) => /\p{Script=Han}/u.test(sentence.text))) {
      return `The report says (in Chinese): ${body.map((text) => `“${text.replace(/\[(\d+)\]$/u, "”[$1]")}`).join(" ")}`;
    }
    return body.join(analysis.language === "en" || !/\p{Script=Han}/u.test(body.join("")) ? " " : "");
  }
}
