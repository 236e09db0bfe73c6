import type { ChatResponse, SearchResult } from "../types.js";
import { firstHitRank, holdsEvidence, mean, percentile, satisfiesMust } from "./measures.js";
import type { EvalQuestion } from "./question-set.js";

export interface QuestionOutcome {
  question: EvalQuestion;
  rank?: number;
  answered: boolean;
  cited: boolean;
  found: boolean;
  answer: string;
  searchMilliseconds: number;
  chatMilliseconds: number;
}

export interface EvalReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  hitAt1: number;
  hitAt3: number;
  hitAt5: number;
  mrrAt10: number;
  answer: number;
  cited: number;
  refusal: number;
  falseRefusal: number;
  /** Share of figure and table questions answered with the right value and a citation that holds it. */
  figureAccuracy: number;
  searchP50: number;
  searchP95: number;
  chatP50: number;
  chatP95: number;
  outcomes: QuestionOutcome[];
}

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const started = performance.now();
  const result = await work();
  return [result, performance.now() - started];
}

async function postJson<T>(url: string, body: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function evaluateQuestion(baseUrl: string, question: EvalQuestion): Promise<QuestionOutcome> {
  const messages = [...(question.history ?? []), { role: "user" as const, content: question.question }];
  const [chat, chatMilliseconds] = await timed(() => postJson<ChatResponse>(`${baseUrl}/api/chat`, { messages }));
  // Search has no conversation: a follow-up is searched the way the assistant understood it.
  const query = question.history?.length ? (chat.resolvedQuery ?? question.question) : question.question;
  const [search, searchMilliseconds] = await timed(() =>
    getJson<{ results: SearchResult[] }>(`${baseUrl}/api/search?k=10&q=${encodeURIComponent(query)}`),
  );
  const answered = chat.found && satisfiesMust(chat.answer, question);
  const cited =
    answered &&
    chat.citations.some((citation) => holdsEvidence(citation.text, question) || satisfiesMust(citation.text, question));
  return {
    question,
    rank: firstHitRank(
      search.results.map((result) => result.text),
      question,
    ),
    answered,
    cited,
    found: chat.found,
    answer: chat.answer,
    searchMilliseconds,
    chatMilliseconds,
  };
}

function share(outcomes: QuestionOutcome[], test: (outcome: QuestionOutcome) => boolean): number {
  return outcomes.length === 0 ? 0 : outcomes.filter(test).length / outcomes.length;
}

/** True for an outcome whose first hit ranks at `limit` or better. */
function hitWithin(limit: number): (outcome: QuestionOutcome) => boolean {
  return (outcome) => outcome.rank !== undefined && outcome.rank <= limit;
}

function reciprocalRank(outcome: QuestionOutcome): number {
  return outcome.rank !== undefined && outcome.rank <= 10 ? 1 / outcome.rank : 0;
}

/** The outcomes of answerable questions, and of those the report does not answer. */
function byAnswerability(outcomes: QuestionOutcome[]): {
  answerable: QuestionOutcome[];
  unanswerable: QuestionOutcome[];
} {
  return {
    answerable: outcomes.filter((outcome) => outcome.question.kind !== "unanswerable"),
    unanswerable: outcomes.filter((outcome) => outcome.question.kind === "unanswerable"),
  };
}

/** Runs a question set against a listening server and computes the measures of `shared/eval/README.md`. */
export async function runEval(baseUrl: string, questions: EvalQuestion[]): Promise<EvalReport> {
  const outcomes: QuestionOutcome[] = [];
  for (const question of questions) outcomes.push(await evaluateQuestion(baseUrl, question));
  const { answerable, unanswerable } = byAnswerability(outcomes);
  const numeric = answerable.filter(
    (outcome) => outcome.question.kind === "figure" || outcome.question.kind === "table",
  );
  const searchTimes = outcomes.map((outcome) => outcome.searchMilliseconds);
  const chatTimes = outcomes.map((outcome) => outcome.chatMilliseconds);
  return {
    questions: outcomes.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    hitAt1: share(answerable, hitWithin(1)),
    hitAt3: share(answerable, hitWithin(3)),
    hitAt5: share(answerable, hitWithin(5)),
    mrrAt10: mean(answerable.map(reciprocalRank)),
    answer: share(answerable, (outcome) => outcome.answered),
    cited: share(answerable, (outcome) => outcome.cited),
    refusal: share(unanswerable, (outcome) => !outcome.found),
    falseRefusal: share(answerable, (outcome) => !outcome.found),
    figureAccuracy: share(numeric, (outcome) => outcome.cited),
    searchP50: percentile(searchTimes, 0.5),
    searchP95: percentile(searchTimes, 0.95),
    chatP50: percentile(chatTimes, 0.5),
    chatP95: percentile(chatTimes, 0.95),
    outcomes,
  };
}

/** The measures of one group of questions (a kind, a language); NaN where the group has none to measure. */
export type GroupMeasures = { group: string; questions: number } & Pick<
  EvalReport,
  "hitAt5" | "mrrAt10" | "answer" | "cited" | "refusal" | "falseRefusal"
>;

function measuresOf(group: string, outcomes: QuestionOutcome[]): GroupMeasures {
  const { answerable, unanswerable } = byAnswerability(outcomes);
  const nothing = Number.NaN;
  const over = (items: QuestionOutcome[], value: number) => (items.length === 0 ? nothing : value);
  return {
    group,
    questions: outcomes.length,
    hitAt5: over(answerable, share(answerable, hitWithin(5))),
    mrrAt10: over(answerable, mean(answerable.map(reciprocalRank))),
    answer: over(
      answerable,
      share(answerable, (outcome) => outcome.answered),
    ),
    cited: over(
      answerable,
      share(answerable, (outcome) => outcome.cited),
    ),
    refusal: over(
      unanswerable,
      share(unanswerable, (outcome) => !outcome.found),
    ),
    falseRefusal: over(
      answerable,
      share(answerable, (outcome) => !outcome.found),
    ),
  };
}

const KINDS = ["figure", "table", "fact", "list", "followup", "unanswerable"] as const;

/** The measures by kind of question, then by language, then over all questions. */
export function measuresByGroup(report: EvalReport): GroupMeasures[] {
  const groups: GroupMeasures[] = [];
  for (const kind of KINDS) {
    const outcomes = report.outcomes.filter((outcome) => outcome.question.kind === kind);
    if (outcomes.length > 0) groups.push(measuresOf(kind, outcomes));
  }
  for (const language of ["zh", "en"] as const) {
    const outcomes = report.outcomes.filter((outcome) => outcome.question.lang === language);
    if (outcomes.length > 0) groups.push(measuresOf(language, outcomes));
  }
  groups.push(measuresOf("all", report.outcomes));
  return groups;
}

function groupTable(groups: GroupMeasures[]): string[] {
  const cell = (value: number) => (Number.isNaN(value) ? "-" : value.toFixed(3)).padStart(8);
  const header = ["", "n", "hit@5", "MRR@10", "answer", "cited", "refusal", "f.ref."];
  const lines = [
    `${header[0].padEnd(13)}${header
      .slice(1)
      .map((name) => name.padStart(8))
      .join("")}`,
  ];
  for (const group of groups) {
    const values = [group.hitAt5, group.mrrAt10, group.answer, group.cited, group.refusal, group.falseRefusal];
    lines.push(`${group.group.padEnd(13)}${String(group.questions).padStart(8)}${values.map(cell).join("")}`);
  }
  return lines;
}

/** The report as a plain-text table, the measures by kind and language, then one line per question that missed. */
export function formatEvalReport(report: EvalReport): string {
  const fixed = (value: number) => value.toFixed(3);
  const rows: Array<[string, string]> = [
    ["questions (answerable / unanswerable)", `${report.questions} (${report.answerable} / ${report.unanswerable})`],
    ["hit@1", fixed(report.hitAt1)],
    ["hit@3", fixed(report.hitAt3)],
    ["hit@5", fixed(report.hitAt5)],
    ["MRR@10", fixed(report.mrrAt10)],
    ["answer", fixed(report.answer)],
    ["cited", fixed(report.cited)],
    ["figure accuracy (figure + table)", fixed(report.figureAccuracy)],
    ["refusal", fixed(report.refusal)],
    ["false refusal", fixed(report.falseRefusal)],
    ["search p50 / p95 (ms)", `${report.searchP50.toFixed(1)} / ${report.searchP95.toFixed(1)}`],
    ["chat p50 / p95 (ms)", `${report.chatP50.toFixed(1)} / ${report.chatP95.toFixed(1)}`],
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  const lines = rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`);
  lines.push("", "by kind and language:", ...groupTable(measuresByGroup(report)));
  const misses = report.outcomes.filter((outcome) =>
    outcome.question.kind === "unanswerable" ? outcome.found : !outcome.cited || (outcome.rank ?? 99) > 5,
  );
  if (misses.length > 0) {
    lines.push("", "misses:");
    for (const miss of misses) {
      lines.push(
        `  ${miss.question.id} [${miss.question.kind}] rank=${miss.rank ?? "-"} ` +
          `found=${miss.found} ${miss.question.question}`,
      );
      lines.push(`     -> ${miss.answer.replace(/\s+/gu, " ").slice(0, 160)}`);
    }
  }
  return lines.join("\n");
}
