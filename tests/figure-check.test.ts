import { Writable } from "node:stream";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportChatCompletion, ReportChatCompletionChunk } from "../src/http/openai-format.js";
import { createLogger } from "../src/logger.js";
import { findQuantities } from "../src/quantity/find-quantities.js";
import type { Figure, FigureStatus } from "../src/types.js";
import { type CaseClass, FIGURE_CASES, type FigureCase } from "./figure-check/cases.js";
import {
  type ChatCompletionBody,
  type OpenAICompatibleServer,
  startOpenAICompatibleServer,
} from "./helpers/openai-compatible-server.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/** A model reply for `figureCase`, citing the passages it was given by what they hold. */
function replyFor(figureCase: FigureCase, body: ChatCompletionBody, problems: string[]): string {
  const prompt = body.messages.at(-1)?.content ?? "";
  const passages = [...prompt.matchAll(/<passage id="(\d+)"[^>]*>([\s\S]*?)<\/passage>/gu)].map((match) => ({
    id: match[1],
    text: match[2].normalize("NFKC").replace(/\s+/gu, ""),
  }));
  return figureCase.answer((fragment) => {
    const wanted = fragment.normalize("NFKC").replace(/\s+/gu, "");
    const passage = passages.find((candidate) => candidate.text.includes(wanted));
    if (!passage) problems.push(`${figureCase.name}: no passage given holds "${fragment}"`);
    return `[${passage?.id ?? 0}]`;
  });
}

interface CaseResult {
  figureCase: FigureCase;
  content: string;
  figures: Figure[];
  mode: string;
}

const FLAGGED: FigureStatus[] = ["unverified", "cited-elsewhere"];

function flagged(status: FigureStatus | undefined): boolean {
  return status !== undefined && FLAGGED.includes(status);
}

interface Measures {
  precision: number;
  recall: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  figures: number;
}

/** Precision and recall of flagging the numbers that their citations do not support. */
function measure(results: CaseResult[]): Measures {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let figures = 0;
  for (const { figureCase, figures: got } of results) {
    figureCase.expected.forEach((expected, position) => {
      figures += 1;
      const wrong = flagged(expected);
      const isFlagged = flagged(got[position]?.status);
      if (wrong && isFlagged) truePositives += 1;
      if (!wrong && isFlagged) falsePositives += 1;
      if (wrong && !isFlagged) falseNegatives += 1;
    });
    for (const extra of got.slice(figureCase.expected.length)) if (flagged(extra.status)) falsePositives += 1;
  }
  return {
    precision: truePositives / Math.max(1, truePositives + falsePositives),
    recall: truePositives / Math.max(1, truePositives + falseNegatives),
    truePositives,
    falsePositives,
    falseNegatives,
    figures,
  };
}

function describeMismatch(result: CaseResult): string | undefined {
  const got = result.figures.map((figure) => figure.status);
  if (JSON.stringify(got) === JSON.stringify(result.figureCase.expected)) return undefined;
  const details = result.figures.map(
    (figure) => `${figure.value}${figure.unit ?? ""}:${figure.status} ${figure.reason ?? ""}`,
  );
  return (
    `${result.figureCase.class} / ${result.figureCase.name}: expected ${result.figureCase.expected.join(",")}; ` +
    `got ${details.join(" | ")}`
  );
}

describe("the figure check, against hand-written model answers through the OpenAI client", () => {
  let upstream: OpenAICompatibleServer;
  let server: TestServer;
  let client: OpenAI;
  const logLines: string[] = [];
  const setupProblems: string[] = [];
  const plain: CaseResult[] = [];
  const streamed: CaseResult[] = [];

  beforeAll(async () => {
    upstream = await startOpenAICompatibleServer();
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    server = await startTestServer(
      { OPENAI_BASE_URL: upstream.url, CHAT_MODEL: "test-model", UPSTREAM_MAX_RETRIES: "0", RATE_LIMIT_CHAT: "1000" },
      createLogger({ level: "warn", destination }),
    );
    client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
    for (const figureCase of FIGURE_CASES) {
      const asked = upstream.chatRequests().length;
      upstream.behave((recorded) => ({
        kind: "reply",
        text: replyFor(figureCase, recorded.body as ChatCompletionBody, setupProblems),
      }));
      const messages = [{ role: "user" as const, content: figureCase.question }];
      const completion = (await client.chat.completions.create({
        model: "report-chat",
        messages,
      })) as ReportChatCompletion;
      if (upstream.chatRequests().length === asked) setupProblems.push(`${figureCase.name}: the model was not asked`);
      plain.push({
        figureCase,
        content: completion.choices[0].message.content ?? "",
        figures: completion.figures,
        mode: completion.mode,
      });
      const stream = await client.chat.completions.create({ model: "report-chat", messages, stream: true });
      let content = "";
      let last: ReportChatCompletionChunk | undefined;
      for await (const chunk of stream) {
        content += chunk.choices[0]?.delta.content ?? "";
        if (chunk.choices[0]?.finish_reason) last = chunk as ReportChatCompletionChunk;
      }
      streamed.push({ figureCase, content, figures: last?.figures ?? [], mode: last?.mode ?? "" });
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    await upstream?.close();
  });

  it("has at least 80 cases over every class, each answered by the model from the passages it names", () => {
    expect(FIGURE_CASES.length).toBeGreaterThanOrEqual(80);
    const classes = new Set(FIGURE_CASES.map((figureCase) => figureCase.class));
    const every: CaseClass[] = [
      "right-form",
      "wrong-value",
      "wrong-unit",
      "wrong-referent",
      "identifier",
      "derived",
      "non-ascii",
      "mis-cited",
    ];
    expect([...classes].sort()).toEqual([...every].sort());
    expect(setupProblems).toEqual([]);
    expect(plain.filter((result) => result.mode !== "llm").map((result) => result.figureCase.name)).toEqual([]);
  });

  it("flags wrong numbers with precision and recall of at least 0.95, plain and streamed", () => {
    const plainMeasures = measure(plain);
    const streamedMeasures = measure(streamed);
    const mismatches = plain.flatMap((result) => describeMismatch(result) ?? []);
    console.info(
      `figure check over ${plainMeasures.figures} figures in ${plain.length} answers: ` +
        `precision ${plainMeasures.precision.toFixed(3)}, recall ${plainMeasures.recall.toFixed(3)} ` +
        `(tp ${plainMeasures.truePositives}, fp ${plainMeasures.falsePositives}, fn ${plainMeasures.falseNegatives})` +
        (mismatches.length > 0 ? `\nstatus differs:\n${mismatches.join("\n")}` : ""),
    );
    expect(plainMeasures.precision).toBeGreaterThanOrEqual(0.95);
    expect(plainMeasures.recall).toBeGreaterThanOrEqual(0.95);
    expect(streamedMeasures).toEqual(plainMeasures);
  });

  it("never flags a right number, whatever unit, scale or script it is written in", () => {
    const falseFlags = plain.flatMap(({ figureCase, figures }) =>
      figureCase.expected.flatMap((expected, position) =>
        !flagged(expected) && flagged(figures[position]?.status)
          ? [`${figureCase.name}: ${figures[position].value} ${figures[position].reason ?? ""}`]
          : [],
      ),
    );
    expect(falseFlags).toEqual([]);
  });

  it("gives each figure the status its case expects, the same when streamed", () => {
    const agreeing = plain.filter((result) => describeMismatch(result) === undefined).length;
    expect(agreeing / plain.length).toBeGreaterThanOrEqual(0.95);
    expect(streamed.map((result) => result.figures.map((figure) => figure.status))).toEqual(
      plain.map((result) => result.figures.map((figure) => figure.status)),
    );
  });

  it("points each verified figure at the exact characters of its passage, which state the same quantity", async () => {
    for (const { figures } of plain) {
      for (const figure of figures) {
        if (figure.status !== "verified") {
          expect(figure.source).toBeUndefined();
          continue;
        }
        expect(figure.source).toBeDefined();
        expect(figure.source?.citation).toBe(figure.citation);
        expect(findQuantities(figure.source?.span ?? "").length).toBeGreaterThan(0);
      }
    }
    const withDerivation = plain.flatMap((result) => result.figures).filter((figure) => figure.status === "derived");
    expect(withDerivation.length).toBeGreaterThan(0);
    for (const figure of withDerivation) expect(figure.derivation).toMatch(/^.+ [−+÷] .+ = .+$/u);
  });

  it("ends the content with a warning line naming the unverified numbers, and only then", () => {
    for (const result of [...plain, ...streamed]) {
      const unchecked = result.figures.filter((figure) => flagged(figure.status));
      const lastLine = result.content.trimEnd().split("\n").at(-1) ?? "";
      if (unchecked.length === 0) expect(result.content).not.toContain("Unverified figures");
      else {
        expect(lastLine).toMatch(/^⚠ 未经核实的数字 \/ Unverified figures: /u);
        for (const figure of unchecked) expect(lastLine).toContain(figure.inAnswer?.span ?? figure.value);
      }
    }
  });

  it("records the values of the numbers it could not verify in the log", () => {
    const entries = logLines.map((line) => JSON.parse(line) as { msg: string; figures?: Array<{ value: string }> });
    const logged = entries.filter((entry) => entry.msg === "numbers the cited passages do not state");
    expect(logged.length).toBeGreaterThan(0);
    const values = logged.flatMap((entry) => entry.figures?.map((figure) => figure.value) ?? []);
    expect(values).toContain("52.7");
    expect(values).toContain("八百四十八");
  });
});
