/**
 * Calibrates the extractive answerer's refusal threshold on a question set: for every question the
 * tables do not answer, the weight of evidence of the best sentence, then the share of answerable
 * questions declined (false refusal) and of unanswerable ones declined (refusal) at each threshold.
 * The threshold chosen is the one with the highest share of right answers kept plus share of
 * unanswerable questions declined, among those that decline at most 5% of the answerable ones (the target for false
 * refusals).
 * `npx tsx bench/calibrate-refusal.ts tests/eval/tuning.jsonl`
 */

import { abbreviationsOf } from "../src/answer/abbreviations.js";
import { EXTRACTIVE_PASSAGES } from "../src/answer/chat-service.js";
import { resolveFollowUp, splitConversation } from "../src/answer/conversation.js";
import { ExtractiveAnswerer } from "../src/answer/extractive-answerer.js";
import { analyzeQuestion, withAbbreviations } from "../src/answer/question-analysis.js";
import { loadConfig } from "../src/config.js";
import { satisfiesMust } from "../src/eval/measures.js";
import { readQuestionSet } from "../src/eval/question-set.js";
import { HybridRetriever } from "../src/retrieval/hybrid-retriever.js";
import { loadIndex } from "../src/retrieval/load-index.js";
import { embedderSettingsOf } from "../src/server.js";
import { answerFromTables } from "../src/tables/answer-from-tables.js";
import { compactText } from "../src/text/normalize.js";

const setFile = process.argv[2] ?? "tests/eval/tuning.jsonl";
const config = loadConfig();
const index = await loadIndex(config.indexDir, embedderSettingsOf(config));
const retriever = new HybridRetriever(index);
const abbreviations = abbreviationsOf(index.chunks);
const reportText = compactText(index.chunks.map((chunk) => chunk.text).join("\n")).toLowerCase();
const inReport = (term: string) => reportText.includes(compactText(term).toLowerCase());
const answerer = new ExtractiveAnswerer({
  termWeight: (term) =>
    index.bm25.documentFrequency(term.toLowerCase()) > 0 ? Math.max(0.2, index.bm25.idf(term.toLowerCase())) : 1.5,
  refusalThreshold: 0,
});

interface Weighed {
  answerable: boolean;
  right: boolean;
  evidence: number;
}

const weighed: Weighed[] = [];
for (const question of await readQuestionSet(setFile)) {
  const { question: text, history } = splitConversation([
    ...(question.history ?? []),
    { role: "user", content: question.question },
  ]);
  const resolved = resolveFollowUp(text, history);
  const analysis = withAbbreviations(analyzeQuestion(resolved, inReport), resolved, abbreviations);
  if (answerFromTables(resolved, index.tables, { lang: analysis.language, statedFigures: false })) continue;
  const result = answerer.answer(analysis, await retriever.retrieve(analysis.retrievalQuery, EXTRACTIVE_PASSAGES));
  const answerable = question.kind !== "unanswerable";
  if (process.env.SHOW)
    console.log(
      question.kind,
      result.evidence.toFixed(3),
      answerable && satisfiesMust(result.answer, question),
      question.question,
      "=>",
      result.answer.slice(0, 90).replace(/\n/g, " "),
    );
  weighed.push({ answerable, right: answerable && satisfiesMust(result.answer, question), evidence: result.evidence });
}

const answerable = weighed.filter((item) => item.answerable);
const unanswerable = weighed.filter((item) => !item.answerable);
const right = answerable.filter((item) => item.right);
console.log(
  `${answerable.length} answerable (${right.length} answered right at threshold 0), ${unanswerable.length} not`,
);
/** Questions handled right at a threshold: unanswerable ones declined plus answerable ones answered right. */
const handledRight = (threshold: number) =>
  unanswerable.filter((item) => item.evidence < threshold).length +
  right.filter((item) => item.evidence >= threshold).length;
const MAXIMUM_FALSE_REFUSAL = 0.05;
let chosen = { threshold: 0, balance: -1 };
console.log("threshold  refusal  false refusal  right kept  handled right");
for (let threshold = 0.2; threshold <= 0.701; threshold += 0.025) {
  const share = (items: Weighed[]) => items.filter((item) => item.evidence < threshold).length / (items.length || 1);
  const balance = share(unanswerable) + 1 - share(right);
  if (share(answerable) <= MAXIMUM_FALSE_REFUSAL && balance > chosen.balance) chosen = { threshold, balance };
  console.log(
    `${threshold.toFixed(3).padStart(9)}  ${share(unanswerable).toFixed(3).padStart(7)}  ${share(answerable)
      .toFixed(3)
      .padStart(13)}  ${(1 - share(right)).toFixed(3).padStart(10)}  ${String(handledRight(threshold)).padStart(13)}`,
  );
}
console.log(`chosen: ${chosen.threshold.toFixed(3)}`);
