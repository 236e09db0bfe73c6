import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildIndex } from "../src/retrieval/build-index.js";
import type { Passage } from "../src/retrieval/passage-catalogue.js";
import type { PassageSearchPage } from "../src/retrieval/passage-search.js";
import { compactText } from "../src/text/normalize.js";
import type { ChatResponse, Chunk } from "../src/types.js";
import { type OpenAICompatibleServer, startOpenAICompatibleServer } from "./helpers/openai-compatible-server.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

const REPORT = "ilo-pir-2018-19.zh.txt";
const REPORT_STEM = "ilo-pir-2018-19.zh";

/** A second, short report in English, so that narrowing to one document has something to leave out. */
const HARBOUR_REPORT = `Harbour Safety Review 2024

1. Inspections
In 2024 the harbour authority carried out 412 inspections of cranes and moorings.
Inspectors found faults in 37 cranes, and every fault was repaired within 14 days.

2. Training
A total of 1,250 dock workers completed the new lifting course.
The course takes three days and ends with a practical test on the quay.

3. Incidents
Reported incidents fell from 58 in 2023 to 41 in 2024.
Most incidents involved slips on wet decks during the winter months.
`;
const HARBOUR = "harbour-safety-2024.en.txt";

let server: TestServer;
let twoReports: TestServer;
let workDir: string;
/** The language model the two-report server answers with: it answers from the passages it is given. */
let upstream: OpenAICompatibleServer;

/** Walking a document passage by passage sends hundreds of lookups. */
const UNLIMITED = { RATE_LIMIT_SEARCH: "100000", RATE_LIMIT_CHAT: "100000" };

beforeAll(async () => {
  server = await startTestServer(UNLIMITED);
  workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-two-reports-"));
  const corpusDir = path.join(workDir, "corpus");
  await rm(corpusDir, { recursive: true, force: true });
  await import("node:fs/promises").then((fs) => fs.mkdir(corpusDir));
  for (const file of await readdir("corpus"))
    if (file.endsWith(".txt")) await copyFile(path.join("corpus", file), path.join(corpusDir, file));
  await writeFile(path.join(corpusDir, HARBOUR), HARBOUR_REPORT);
  upstream = await startOpenAICompatibleServer();
  twoReports = await startTestServer({
    ...UNLIMITED,
    CORPUS_DIR: corpusDir,
    INDEX_DIR: path.join(workDir, "index"),
    OPENAI_BASE_URL: upstream.url,
    CHAT_MODEL: "test-model",
    UPSTREAM_MAX_RETRIES: "0",
  });
});

afterAll(async () => {
  await server?.close();
  await twoReports?.close();
  await upstream?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function getJson<T>(target: TestServer, route: string, status = 200): Promise<T> {
  const response = await fetch(`${target.url}${route}`);
  const body = (await response.json()) as T;
  expect(response.status, JSON.stringify(body).slice(0, 300)).toBe(status);
  return body;
}

const search = (query: string, target: TestServer = server) =>
  getJson<PassageSearchPage>(target, `/api/search?${query}`);
const passage = (id: string, target: TestServer = server) =>
  getJson<Passage>(target, `/api/passages/${encodeURIComponent(id)}`);
const q = (text: string) => encodeURIComponent(text);

async function errorOf(
  target: TestServer,
  route: string,
  init?: RequestInit,
): Promise<{ status: number; code: string }> {
  const response = await fetch(`${target.url}${route}`, init);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.message.length).toBeGreaterThan(0);
  return { status: response.status, code: body.error.code };
}

/** Every passage of a document, in reading order, walked through `next` from one of them. */
async function walkDocument(target: TestServer, fromId: string): Promise<Passage[]> {
  let first = await passage(fromId, target);
  while (first.previous !== null) first = await passage(first.previous, target);
  const passages = [first];
  while (passages[passages.length - 1].next !== null)
    passages.push(await passage(passages[passages.length - 1].next as string, target));
  return passages;
}

describe("GET /api/passages/:id", () => {
  it("returns the passage a search found, with its document, section, page and label", async () => {
    const { results } = await search(`q=${q("成果目标3 预算和支出")}&kind=table`);
    const found = results[0];
    const shown = await passage(found.id);
    expect(shown).toMatchObject({
      id: found.id,
      text: found.text,
      section: found.section,
      sectionPath: found.sectionPath,
      document: REPORT,
      kind: "table",
      page: found.page,
      label: found.label,
    });
    expect(shown.section).toBe(shown.sectionPath.join(" > "));
  });

  it("lists the figures the passage states, each at its exact place, with what a table cell measures", async () => {
    const { results } = await search(`q=${q("成果目标3 资金来源 实际支出")}&kind=table`);
    const table = await passage(results[0].id);
    expect(table.tables.length).toBeGreaterThan(0);
    expect(table.figures.length).toBeGreaterThan(2);
    for (const figure of table.figures)
      expect(table.text.slice(figure.start, figure.start + figure.span.length)).toBe(figure.span);
    expect(table.figures.some((figure) => figure.label?.includes("合计"))).toBe(true);
    const tableRecord = await getJson<{ id: string; chunkId: string }>(server, `/api/tables/${table.tables[0]}`);
    expect(tableRecord.id).toBe(table.tables[0]);

    const prose = await passage((await search(`q=${q("经常预算的交付率")}`)).results[0].id);
    for (const figure of prose.figures)
      expect(prose.text.slice(figure.start, figure.start + figure.span.length)).toBe(figure.span);
    const rate = prose.figures.find((figure) => figure.value === "99.1");
    expect(rate).toMatchObject({ unit: "%" });
    expect(rate?.label).toContain("交付率");
    const { figures } = await getJson<{ figures: Array<{ chunkId: string; start: number }> }>(
      server,
      `/api/figures?q=${q("交付率")}`,
    );
    expect(figures).toContainEqual(expect.objectContaining({ chunkId: prose.id, start: rate?.start }));
  });

  it("links each passage to its neighbours, through the whole document and no further", async () => {
    const { results } = await search(`q=${q("经常预算")}`);
    const all = await walkDocument(server, results[2].id);
    const health = await getJson<{ chunks: number }>(server, "/healthz");
    expect(all).toHaveLength(health.chunks);
    expect(new Set(all.map((item) => item.id)).size).toBe(all.length);
    expect(all[0].previous).toBeNull();
    for (let index = 1; index < all.length; index += 1) expect(all[index].previous).toBe(all[index - 1].id);
    const pages = all.flatMap((item) => (item.page === undefined ? [] : [item.page]));
    expect(pages).toEqual([...pages].sort((left, right) => left - right));
  });

  it("keeps every id when the unchanged report is ingested again", async () => {
    const first = await walkDocument(server, (await search(`q=${q("预算")}`)).results[0].id);
    const indexDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-reingest-"));
    try {
      await buildIndex({ corpusDir: path.resolve("corpus"), indexDir, embedder: { provider: "local" } });
      const build = (await readFile(path.join(indexDir, "CURRENT"), "utf8")).trim();
      const chunks = JSON.parse(await readFile(path.join(indexDir, build, "chunks.json"), "utf8")) as Chunk[];
      expect(chunks.map((chunk) => chunk.id)).toEqual(first.map((item) => item.id));
      expect(chunks.map((chunk) => chunk.text)).toEqual(first.map((item) => item.text));
    } finally {
      await rm(indexDir, { recursive: true, force: true });
    }
  });

  it.each([
    ["an unknown id", "/api/passages/no-such-report:00000000:0", 404, "passage_not_found"],
    ["an id over 300 characters", `/api/passages/${"a".repeat(301)}`, 400, "invalid_request"],
    ["a control character", "/api/passages/a%01b", 400, "invalid_request"],
    ["a malformed escape", "/api/passages/%E0%A4%A", 400, "malformed_url"],
  ])("answers %s with a JSON error", async (_name, route, status, code) => {
    expect(await errorOf(server, route)).toEqual({ status, code });
  });
});

describe("GET /api/search filters and pages", () => {
  it("says why each result matched: the query words it holds and its ranks", async () => {
    const { results } = await search(`q=${q("经常预算的交付率")}&k=5`);
    expect(results[0].match.terms).toEqual(expect.arrayContaining(["交付"]));
    expect(results[0].match.denseRank).toBeGreaterThanOrEqual(1);
    expect(results[0].match.lexicalRank).toBeGreaterThanOrEqual(1);
    for (const result of results) {
      for (const term of result.match.terms) expect(compactText(result.text).toLowerCase()).toContain(term);
    }
    const scores = results.map((result) => result.score);
    expect(scores).toEqual([...scores].sort((left, right) => right - left));
  });

  it("keeps only the kinds asked for", async () => {
    const tables = await search(`q=${q("预算")}&k=20&kind=table`);
    expect(tables.results.length).toBe(20);
    expect(new Set(tables.results.map((result) => result.kind))).toEqual(new Set(["table"]));
    const two = await search(`q=${q("预算")}&k=20&kind=box&kind=caption`);
    expect(two.results.every((result) => ["box", "caption"].includes(result.kind))).toBe(true);
  });

  it("keeps a page range, and a section path prefix however it is spaced", async () => {
    const ranged = await search(`q=${q("社会保护")}&k=20&pageFrom=30&pageTo=40`);
    expect(ranged.results.length).toBeGreaterThan(0);
    for (const result of ranged.results) expect(result.page).toBeGreaterThanOrEqual(30);
    for (const result of ranged.results) expect(result.page).toBeLessThanOrEqual(40);

    const { results } = await search(`q=${q("成果目标3 预算和支出")}&kind=table`);
    const prefix = results[0].sectionPath.slice(0, 3).join(">");
    const under = await search(`q=${q("预算")}&k=20&section=${q(prefix)}`);
    expect(under.results.length).toBeGreaterThan(0);
    for (const result of under.results)
      expect(compactText(result.section).startsWith(compactText(results[0].sectionPath.slice(0, 3).join(" > ")))).toBe(
        true,
      );
  });

  it("pages through every matching passage with the cursor: no result twice, none skipped", async () => {
    const all = await walkDocument(server, (await search(`q=${q("预算")}`)).results[0].id);
    const captions = all.filter((item) => item.kind === "caption").map((item) => item.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search(`q=${q("图")}&k=7&kind=caption${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.results.length).toBeLessThanOrEqual(7);
      seen.push(...page.results.map((result) => result.id));
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    expect([...seen].sort()).toEqual([...captions].sort());

    const small = [];
    let next: string | undefined;
    for (let count = 0; count < 4; count += 1) {
      const page = await search(`q=${q("预算")}&k=5${next ? `&cursor=${next}` : ""}`);
      small.push(...page.results.map((result) => result.id));
      next = page.nextCursor;
    }
    const large = await search(`q=${q("预算")}&k=20`);
    expect(small).toEqual(large.results.map((result) => result.id));
  });

  it("narrows to one document, named by its id or its file stem", async () => {
    const byId = await search(`q=${q("inspections cranes")}&k=10&report=${q(HARBOUR)}`, twoReports);
    const byStem = await search(`q=${q("inspections cranes")}&k=10&report=${q("Harbour-Safety-2024.en")}`, twoReports);
    expect(byId.results.length).toBeGreaterThan(0);
    expect(byStem.results).toEqual(byId.results);
    expect(byId.results.every((result) => result.document === HARBOUR)).toBe(true);
    const other = await search(`q=${q("inspections cranes")}&k=20&report=${q(REPORT_STEM)}`, twoReports);
    expect(other.results.length).toBe(20);
    expect(other.results.every((result) => result.document === REPORT)).toBe(true);
    const everywhere = await search(`q=${q("inspections cranes")}&k=3`, twoReports);
    expect(everywhere.results[0].document).toBe(HARBOUR);
    // A passage without a printed page is outside any page range.
    const paged = await search(`q=${q("inspections cranes")}&report=${q(HARBOUR)}&pageFrom=1`, twoReports);
    expect(paged.results).toEqual([]);
    const first = await passage(byId.results[0].id, twoReports);
    const harbour = await walkDocument(twoReports, first.id);
    expect(harbour.every((item) => item.document === HARBOUR)).toBe(true);
  });

  it.each([
    ["an unknown report", `q=x&report=${q("no-such-report")}`, "unknown_report"],
    ["an empty report", "q=x&report=", "invalid_request"],
    ["an unknown kind", "q=x&kind=figure", "invalid_request"],
    ["a page that is not a number", "q=x&pageFrom=abc", "invalid_request"],
    ["a page range backwards", "q=x&pageFrom=40&pageTo=30", "invalid_request"],
    ["page 0", "q=x&pageTo=0", "invalid_request"],
    ["a malformed cursor", "q=x&cursor=%21%21", "invalid_request"],
    ["a cursor of another query", "q=x&cursor=NS5hYmNkZWZnaGlqaw", "invalid_cursor"],
    ["a cursor of another filter", "", "invalid_cursor"],
  ])("answers %s with a 400 JSON error", async (name, query, code) => {
    let route = `/api/search?${query}`;
    if (name === "a cursor of another filter") {
      const first = await search(`q=${q("预算")}&k=2`);
      route = `/api/search?q=${q("预算")}&k=2&kind=table&cursor=${first.nextCursor}`;
    }
    expect(await errorOf(server, route)).toEqual({ status: 400, code });
  });
});

describe("POST /api/chat with report", () => {
  const ask = (target: TestServer, body: unknown) =>
    fetch(`${target.url}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("answers from the document named, citing only its passages", async () => {
    const question = "How many inspections did the harbour authority carry out?";
    const response = await ask(twoReports, { question, report: "harbour-safety-2024.en" });
    expect(response.status).toBe(200);
    const narrowed = (await response.json()) as ChatResponse;
    expect(narrowed.mode).toBe("llm");
    expect(narrowed.answer).toContain("Harbour Safety Review");
    const prompt = JSON.stringify(upstream.chatRequests().at(-1)?.messages);
    expect(prompt).toContain("412 inspections of cranes");
    expect(narrowed.citations.length).toBeGreaterThan(0);
    for (const citation of narrowed.citations)
      expect((await passage(citation.chunkId, twoReports)).document).toBe(HARBOUR);

    const elsewhere = (await (await ask(twoReports, { question, report: REPORT })).json()) as ChatResponse;
    for (const citation of elsewhere.citations)
      expect((await passage(citation.chunkId, twoReports)).document).toBe(REPORT);
  });

  it("answers as without report when the document named is the only one", async () => {
    const question = "经常预算的交付率是多少？";
    const plain = (await (await ask(server, { question })).json()) as ChatResponse;
    const narrowed = (await (await ask(server, { question, report: REPORT_STEM })).json()) as ChatResponse;
    expect(narrowed.found).toBe(true);
    expect(narrowed.answer).toContain("99.1");
    expect(narrowed).toEqual(plain);
  });

  it.each([
    ["an unknown report", { question: "预算", report: "no-such-report" }, "unknown_report"],
    ["an empty report", { question: "预算", report: " " }, "invalid_request"],
    ["a report that is not a string", { question: "预算", report: 3 }, "invalid_request"],
    ["an over-long report", { question: "预算", report: "a".repeat(256) }, "invalid_request"],
  ])("answers %s with a 400 JSON error", async (_name, body, code) => {
    const response = await ask(server, { ...body, stream: true });
    expect(response.headers.get("content-type")).toMatch(/^application\/json/u);
    const error = (await response.json()) as { error: { code: string } };
    expect({ status: response.status, code: error.error.code }).toEqual({ status: 400, code });
  });
});
