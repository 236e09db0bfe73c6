import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Express } from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { createApp } from "../src/http/create-app.js";
import { createLogger } from "../src/logger.js";
import { Runtime } from "../src/runtime.js";
import { InsightsStore } from "../src/store/insights-store.js";
import type { SearchResult } from "../src/types.js";
import { buildWebAssets } from "../src/web/build-web-assets.js";
import { ApiDescription, type OpenApiDocument } from "./helpers/api-description.js";
import { parseEvents } from "./helpers/server-sent-events.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

let server: TestServer;
let description: ApiDescription;
let document: OpenApiDocument;
/** Every (operation, status) a real response was validated for. */
const validated = new Set<string>();

beforeAll(async () => {
  server = await startTestServer();
  description = await ApiDescription.of(server.url);
  document = description.document;
});

afterAll(async () => {
  await server?.close();
});

/** `/api/tables/:id` as OpenAPI writes it: `/api/tables/{id}`. */
function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/gu, "{$1}");
}

interface ServedRoute {
  method: string;
  path: string;
}

/** Express keeps mounted routers as layers; a layer with `slash` false was mounted under a path. */
interface RouterLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: RouterLayer[] };
  slash?: boolean;
}

/** Every method and path the app's routers serve, read from Express's own routing table. */
function servedRoutes(app: Express): ServedRoute[] {
  const routes: ServedRoute[] = [];
  const visit = (stack: RouterLayer[], mountedAtRoot: boolean) => {
    for (const layer of stack) {
      if (layer.route) {
        // A router mounted under a path would hide its prefix from `route.path`.
        expect(mountedAtRoot, `route ${layer.route.path} is in a router mounted under a path`).toBe(true);
        for (const routePath of [layer.route.path].flat())
          for (const method of Object.keys(layer.route.methods)) routes.push({ method, path: routePath });
      } else if (layer.handle?.stack) visit(layer.handle.stack, mountedAtRoot && layer.slash !== false);
    }
  };
  visit((app as unknown as { router: { stack: RouterLayer[] } }).router.stack, true);
  // The rate limits are mounted as routes of the paths they cover: keep one entry per route.
  return [...new Map(routes.map((route) => [`${route.method} ${route.path}`, route])).values()];
}

async function appWithEverything(): Promise<{ app: Express; cleanUp: () => Promise<void> }> {
  const outDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-openapi-assets-"));
  // With API keys and a database every optional route is there: page tokens, feedback and insights.
  const config = loadConfig({ LOG_LEVEL: "silent", WEB_ASSETS_DIR: outDir, API_KEYS: "k" }, process.cwd());
  const app = createApp({
    config,
    logger: createLogger({ level: "silent" }),
    runtime: new Runtime(),
    webAssets: await buildWebAssets({ outDir, minify: false }),
    insights: new InsightsStore({ path: ":memory:", keepQuestionText: false }),
  });
  return { app, cleanUp: () => rm(outDir, { recursive: true, force: true }) };
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    expect(document.openapi).toBe("3.1.0");
    const result = await new Validator().validate(structuredClone(document) as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it("describes every route the app serves, and serves every route it describes", async () => {
    const { app, cleanUp } = await appWithEverything();
    try {
      const served = servedRoutes(app);
      expect(served.length).toBeGreaterThan(10);
      const undocumented = served.filter((route) => !document.paths[openApiPath(route.path)]?.[route.method]);
      expect(undocumented, "served routes missing from src/http/api-operations.ts").toEqual([]);
      const servedKeys = new Set(served.map((route) => `${route.method} ${openApiPath(route.path)}`));
      const documented = Object.entries(document.paths).flatMap(([routePath, item]) =>
        Object.keys(item).map((method) => `${method} ${routePath}`),
      );
      expect(documented.filter((key) => !servedKeys.has(key))).toEqual([]);
    } finally {
      await cleanUp();
    }
  });

  it("describes the error shape and the events of a streamed answer", () => {
    const chat = document.paths["/api/chat"].post;
    expect(Object.keys(chat.responses)).toEqual(expect.arrayContaining(["200", "400", "413", "429", "503"]));
    expect(chat.responses["200"].content).toHaveProperty(["text/event-stream"]);
    const passage = document.paths["/api/passages/{id}"].get;
    expect(passage.responses["404"].content?.["application/json"].schema).toEqual({
      $ref: "#/components/schemas/Error",
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Real responses against the document

interface Call {
  operationId: string;
  method?: "GET" | "POST";
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
}

/** Sends a request and validates the response's status, media type and body against the document. */
async function call(request: Call): Promise<{ response: Response; text: string }> {
  const response = await fetch(`${server.url}${request.path}`, {
    method: request.method ?? "GET",
    headers: request.body === undefined ? request.headers : { "content-type": "application/json", ...request.headers },
    body:
      request.body === undefined
        ? undefined
        : typeof request.body === "string"
          ? request.body
          : JSON.stringify(request.body),
  });
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBe(request.status);
  const sent = { status: response.status, contentType: response.headers.get("content-type"), body: text };
  expect(description.problemsOf(request.operationId, sent), text.slice(0, 300)).toEqual([]);
  validated.add(`${request.operationId} ${response.status}`);
  return { response, text };
}

const q = (text: string) => encodeURIComponent(text);

describe("responses of a real server validate against the document", () => {
  it("health probes and the document itself", async () => {
    await call({ operationId: "getLiveness", path: "/livez", status: 200 });
    await call({ operationId: "getHealth", path: "/healthz", status: 200 });
    await call({ operationId: "getReadiness", path: "/readyz", status: 200 });
    await call({ operationId: "getOpenApiDocument", path: "/openapi.json", status: 200 });
  });

  it("search, with and without filters, and its errors", async () => {
    const { text } = await call({
      operationId: "searchPassages",
      path: `/api/search?q=${q("预算和支出")}&k=3`,
      status: 200,
    });
    const { results, nextCursor } = JSON.parse(text) as { results: SearchResult[]; nextCursor: string };
    await call({
      operationId: "searchPassages",
      path: `/api/search?q=${q("预算和支出")}&k=3&cursor=${nextCursor}`,
      status: 200,
    });
    await call({
      operationId: "searchPassages",
      path:
        `/api/search?q=budget&kind=table&kind=box&pageFrom=20&pageTo=60&report=ilo-pir-2018-19.zh&section=%E7%A` +
        `C%AC`,
      status: 200,
    });
    await call({ operationId: "searchPassages", path: "/api/search?q=", status: 400 });
    await call({ operationId: "searchPassages", path: `/api/search?q=x&report=${q("no-such-report")}`, status: 400 });
    await call({ operationId: "searchPassages", path: `/api/search?q=x&cursor=${nextCursor}`, status: 400 });
    await call({ operationId: "getPassage", path: `/api/passages/${q(results[0].id)}`, status: 200 });
    await call({ operationId: "getPassage", path: `/api/passages/${q("no-such-passage:0")}`, status: 404 });
  });

  it("chat as JSON, as Server-Sent Events, and its errors", async () => {
    await call({
      operationId: "chat",
      method: "POST",
      path: "/api/chat",
      body: { question: "经常预算的交付率是多少？" },
      status: 200,
    });
    await call({
      operationId: "chat",
      method: "POST",
      path: "/api/chat",
      body: { question: "成果目标3的实际支出是多少？", report: "ilo-pir-2018-19.zh.txt" },
      status: 200,
    });
    await call({ operationId: "chat", method: "POST", path: "/api/chat", body: { question: "" }, status: 400 });
    await call({
      operationId: "chat",
      method: "POST",
      path: "/api/chat",
      body: `{"question":"${"问".repeat(70_000)}"}`,
      status: 413,
    });
    const { text } = await call({
      operationId: "chat",
      method: "POST",
      path: "/api/chat",
      body: { question: "经常预算的交付率是多少？", stream: true },
      status: 200,
    });
    const events = parseEvents(text);
    expect(events.map((event) => event.event)).toContain("done");
    const eventSchema = document.paths["/api/chat"].post.responses["200"].content?.["text/event-stream"].schema;
    const validateEvent = streamValidator(eventSchema);
    for (const event of events) expect(validateEvent(event), JSON.stringify(validateEvent.errors)).toBe(true);
  });

  it("tables and figures", async () => {
    const { text } = await call({ operationId: "listTables", path: "/api/tables", status: 200 });
    const { tables } = JSON.parse(text) as { tables: Array<{ id: string }> };
    await call({ operationId: "getTable", path: `/api/tables/${tables[0].id}`, status: 200 });
    await call({ operationId: "getTable", path: `/api/tables/${tables[0].id}?format=csv`, status: 200 });
    await call({ operationId: "getTable", path: "/api/tables/no-such-table", status: 404 });
    await call({ operationId: "findFigures", path: `/api/figures?q=${q("预算")}`, status: 200 });
    await call({ operationId: "findFigures", path: "/api/figures", status: 400 });
  });

  it("the OpenAI protocol", async () => {
    await call({ operationId: "listModels", path: "/v1/models", status: 200 });
    await call({ operationId: "getModel", path: "/v1/models/report-chat", status: 200 });
    await call({ operationId: "getModel", path: "/v1/models/gpt-4o", status: 404 });
    const messages = [{ role: "user", content: "经常预算的交付率是多少？" }];
    const completion = { model: "report-chat", messages };
    await call({
      operationId: "createChatCompletion",
      method: "POST",
      path: "/v1/chat/completions",
      body: completion,
      status: 200,
    });
    await call({
      operationId: "createChatCompletion",
      method: "POST",
      path: "/v1/chat/completions",
      body: { messages },
      status: 400,
    });
    const { text } = await call({
      operationId: "createChatCompletion",
      method: "POST",
      path: "/v1/chat/completions",
      body: { ...completion, stream: true },
      status: 200,
    });
    const chunkSchema =
      document.paths["/v1/chat/completions"].post.responses["200"].content?.["text/event-stream"].schema;
    const validateChunk = streamValidator(chunkSchema);
    const lines = text.split("\n\n").filter((block) => block.startsWith("data: ") && block !== "data: [DONE]");
    expect(lines.length).toBeGreaterThan(1);
    expect(text.trimEnd().endsWith("data: [DONE]")).toBe(true);
    for (const line of lines) {
      const chunk: unknown = JSON.parse(line.slice("data: ".length));
      expect(validateChunk(chunk), JSON.stringify(validateChunk.errors)).toBe(true);
    }
  });

  it("the report's identity and its documents", async () => {
    await call({ operationId: "getReportIdentity", path: "/api/report", status: 200 });
    await call({ operationId: "getDocument", path: "/documents/ilo-pir-2018-19.zh.txt", status: 200 });
    await call({ operationId: "getDocument", path: "/documents/no-such-report.pdf", status: 404 });
  });

  it("the chat page, the widget and their assets", async () => {
    const { text } = await call({ operationId: "getChatPage", path: "/", status: 200 });
    await call({ operationId: "getChatPage", path: "/?lang=en", status: 200 });
    await call({ operationId: "getWidget", path: "/widget.js", status: 200 });
    const asset = /\/assets\/[\w.-]+/u.exec(text)?.[0];
    expect(asset).toBeDefined();
    await call({ operationId: "getAsset", path: asset ?? "", status: 200 });
    await call({ operationId: "getAsset", path: "/assets/page-0000000000.js", status: 404 });
  });

  it("feedback, insights, their page and the page token", async () => {
    const feedback = { rating: "up", question: "预算总额是多少？", answer: "……" };
    await call({ operationId: "sendFeedback", method: "POST", path: "/api/feedback", body: feedback, status: 201 });
    await call({
      operationId: "sendFeedback",
      method: "POST",
      path: "/api/feedback",
      body: { rating: "x" },
      status: 400,
    });
    await call({ operationId: "getInsights", path: "/api/insights?days=7", status: 200 });
    await call({ operationId: "getInsights", path: "/api/insights?days=0", status: 400 });
    await call({ operationId: "getInsightsPage", path: "/insights", status: 200 });
    // Page tokens exist only when API keys are required.
    const open = server;
    server = await startTestServer({ API_KEYS: "owner-secret" });
    try {
      await call({ operationId: "getPageToken", path: "/page-token", status: 200 });
      await call({ operationId: "getInsights", path: "/api/insights", status: 401 });
    } finally {
      await server.close();
      server = open;
    }
  });

  it("every operation of the document was answered and validated", () => {
    const answered = new Set([...validated].map((key) => key.split(" ")[0]));
    const operations = Object.values(document.paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    expect(operations.filter((operationId) => !answered.has(operationId))).toEqual([]);
  });
});

/** A validator of one streamed item against its schema in the document (references resolved by ajv). */
function streamValidator(schema: unknown) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ $id: "openapi.json", components: (document as unknown as { components: unknown }).components });
  const rooted = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
  return ajv.compile(rooted);
}
