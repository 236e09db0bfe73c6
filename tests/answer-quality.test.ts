import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readQuestionSet } from "../src/eval/question-set.js";
import { type EvalReport, runEval } from "../src/eval/run-eval.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/**
 * Answer quality over question sets written from the report, through the real server: the
 * targets the product promises, measured the way `npm run eval` measures them.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_CHAT: "100000", RATE_LIMIT_SEARCH: "100000" });
});

afterAll(async () => {
  await server.close();
});

const QUESTION_SETS = [
  ["the development set", path.resolve("tests", "eval", "dev.jsonl")],
  ["the held-out set in tests/eval", path.resolve("tests", "eval", "held-out.jsonl")],
] as const;

describe.each(QUESTION_SETS)("answers on %s", (_name, file) => {
  let report: EvalReport;

  beforeAll(async () => {
    report = await runEval(server.url, await readQuestionSet(file));
  });

  it("finds the evidence among the first five passages (hit@5 >= 0.85) and ranks it high (MRR >= 0.75)", () => {
    expect(report.hitAt5).toBeGreaterThanOrEqual(0.85);
    expect(report.mrrAt10).toBeGreaterThanOrEqual(0.75);
  });

  it("answers at least 70% of answerable questions right, citing a passage that holds the answer", () => {
    expect(report.cited).toBeGreaterThanOrEqual(0.7);
  });

  it("declines at least 70% of the questions the report does not answer, and at most 10% of those it does", () => {
    expect(report.refusal).toBeGreaterThanOrEqual(0.7);
    expect(report.falseRefusal).toBeLessThanOrEqual(0.1);
  });
});
