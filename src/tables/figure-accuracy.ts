/** The share of figure and table questions answered with the right value and a right citation. */

/** A question of the evaluation set (`dev.jsonl` format). */
export interface EvaluationQuestion {
  id: string;
  lang: "zh" | "en";
  kind: string;
  question: string;
  /** Short strings copied from the report; a cited passage holding one is a right citation. */
  evidence: string[];
  /** Groups of alternatives: the answer is right when each group has one alternative in it. */
  must: string[][];
}

/** What an answer function returns for scoring: its text and the texts of the passages it cites. */
export interface ScoredAnswer {
  text: string;
  citedTexts: string[];
}

export interface QuestionOutcome {
  id: string;
  answered: boolean;
  rightValue: boolean;
  rightCitation: boolean;
  /** The answer text, for reading the failures. */
  text?: string;
}

export interface FigureAccuracy {
  /** Figure and table questions scored. */
  total: number;
  answered: number;
  /** Answered with every `must` group matched and a cited passage holding an evidence string. */
  correct: number;
  /** `correct / total` (0 when there is no question). */
  accuracy: number;
  outcomes: QuestionOutcome[];
}

/** NFKC with every whitespace character removed: how answers and evidence are compared. */
function comparable(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, "");
}

function hasRightValue(question: EvaluationQuestion, text: string): boolean {
  const answer = comparable(text);
  return question.must.every((group) => group.some((alternative) => answer.includes(comparable(alternative))));
}

function hasRightCitation(question: EvaluationQuestion, citedTexts: string[]): boolean {
  const cited = citedTexts.map(comparable);
  return question.evidence.some((evidence) => cited.some((text) => text.includes(comparable(evidence))));
}

/**
 * Scores `answer` on the `figure` and `table` questions of `questions`.
 * @param answer returns the answer to a question, or `null` when it gives none.
 */
export async function figureAccuracy(
  questions: EvaluationQuestion[],
  answer: (question: EvaluationQuestion) => ScoredAnswer | null | Promise<ScoredAnswer | null>,
): Promise<FigureAccuracy> {
  const scored = questions.filter((question) => question.kind === "figure" || question.kind === "table");
  const outcomes: QuestionOutcome[] = [];
  for (const question of scored) {
    const result = await answer(question);
    if (!result) {
      outcomes.push({ id: question.id, answered: false, rightValue: false, rightCitation: false });
      continue;
    }
    outcomes.push({
      id: question.id,
      answered: true,
      rightValue: hasRightValue(question, result.text),
      rightCitation: hasRightCitation(question, result.citedTexts),
      text: result.text,
    });
  }
  const correct = outcomes.filter((outcome) => outcome.rightValue && outcome.rightCitation).length;
  return {
    total: scored.length,
    answered: outcomes.filter((outcome) => outcome.answered).length,
    correct,
    accuracy: scored.length === 0 ? 0 : correct / scored.length,
    outcomes,
  };
}

/** Parses a question set written one JSON object a line. */
export function parseQuestionSet(jsonLines: string): EvaluationQuestion[] {
  return jsonLines
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as EvaluationQuestion);
}
