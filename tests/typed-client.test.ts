import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

let server: TestServer;
let workDir: string;

beforeAll(async () => {
  server = await startTestServer();
  workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-typed-client-"));
});

afterAll(async () => {
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** What the test uses of the client module, once it is loaded. */
interface ClientModule {
  ReportChatClient: new (
    baseUrl: string,
  ) => {
    searchAll(query: { q: string; k?: number; kind?: string }): AsyncGenerator<{ id: string }>;
    passage(id: string): Promise<unknown>;
  };
  ReportChatError: abstract new (...parts: never[]) => Error;
}

/** The TypeScript blocks of the README's "A typed client" section: the client, then its example. */
async function readmeClient(): Promise<{ client: string; example: string }> {
  const readme = await readFile("README.md", "utf8");
  const section = readme.slice(readme.indexOf("### A typed client"));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/gu)].map((match) => match[1]);
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  return { client: blocks[0], example: blocks[1] };
}

/** Type errors of `files` (in `workDir`), as `file:line: message`. */
function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(
    files.map((file) => path.join(workDir, file)),
    {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
      types: [],
    },
  );
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const { file, start } = diagnostic;
    const where = file
      ? `${path.basename(file.fileName)}:${file.getLineAndCharacterOfPosition(start ?? 0).line + 1}`
      : "";
    return `${where}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")}`;
  });
}

describe("the README's typed client", () => {
  it("type-checks against types generated from /openapi.json, and works against a real server", async () => {
    const document = await (await fetch(`${server.url}/openapi.json`)).json();
    await writeFile(path.join(workDir, "package.json"), '{"type":"module"}');
    await writeFile(path.join(workDir, "report-chat-api.d.ts"), astToString(await openapiTS(document)));
    const { client, example } = await readmeClient();
    await writeFile(path.join(workDir, "report-chat-client.ts"), client);
    const exampleModule = [
      'import { ReportChatClient } from "./report-chat-client.js";',
      "export async function runExample(baseUrl: string) {",
      example.replaceAll('"http://127.0.0.1:8787"', "baseUrl"),
      "return { results, passage, answer };",
      "}",
    ].join("\n");
    await writeFile(path.join(workDir, "example.ts"), exampleModule);
    expect(typeErrors(["report-chat-client.ts", "example.ts"])).toEqual([]);

    const { runExample } = (await import(pathToFileURL(path.join(workDir, "example.ts")).href)) as {
      runExample: (baseUrl: string) => Promise<{
        results: Array<{ id: string; kind: string }>;
        passage: { id: string; document: string };
        answer: { found: boolean; answer: string };
      }>;
    };
    const { results, passage, answer } = await runExample(server.url);
    expect(results).toHaveLength(3);
    expect(results.every((result) => result.kind === "text")).toBe(true);
    expect(passage.id).toBe(results[0].id);
    expect(answer.found).toBe(true);
    expect(answer.answer).toContain("99.1");
  });

  it("pages with the cursor and turns errors into typed exceptions", async () => {
    const { ReportChatClient, ReportChatError } = (await import(
      pathToFileURL(path.join(workDir, "report-chat-client.ts")).href
    )) as ClientModule;
    const client = new ReportChatClient(server.url);
    const captions: string[] = [];
    for await (const result of client.searchAll({ q: "图", k: 6, kind: "caption" })) captions.push(result.id);
    expect(captions.length).toBeGreaterThan(6);
    expect(new Set(captions).size).toBe(captions.length);
    await expect(client.passage("no-such-passage")).rejects.toBeInstanceOf(ReportChatError);
    await expect(client.passage("no-such-passage")).rejects.toMatchObject({ status: 404, code: "passage_not_found" });
  });

  it("lets the compiler refuse calls the document does not allow", async () => {
    const wrong = [
      'import { ReportChatClient } from "./report-chat-client.js";',
      'const client = new ReportChatClient("http://127.0.0.1:8787");',
      "void client.search({ q: 3 });",
      'void client.search({ q: "x", kind: "figure" });',
      'void client.chat({ question: "x", stream: "yes" });',
    ].join("\n");
    await writeFile(path.join(workDir, "wrong.ts"), wrong);
    const errors = typeErrors(["wrong.ts"]);
    expect(errors.map((error) => error.split(":")[1])).toEqual(["3", "4", "5"]);
  });
});
