import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { buildIndex } from "../../src/retrieval/build-index.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** An index of the real report, built once for the whole test run. */
    indexDir: string;
  }
}

let indexDir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  indexDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-test-index-"));
  await buildIndex({ corpusDir: path.resolve("corpus"), indexDir, embedder: { provider: "local" } });
  project.provide("indexDir", indexDir);
}

export async function teardown(): Promise<void> {
  if (indexDir) await rm(indexDir, { recursive: true, force: true });
}
