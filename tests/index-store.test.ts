import { spawn } from "node:child_process";
import { appendFile, copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_EMBEDDER_ID } from "../src/embedding/hashed-tfidf-embeddings.js";
import { IndexError } from "../src/errors.js";
import { buildIndex } from "../src/retrieval/build-index.js";
import { ensureIndex, expectationFor } from "../src/retrieval/ensure-index.js";
import { acquireIndexLock } from "../src/retrieval/index-lock.js";
import { currentBuildDir, MANIFEST_FILE } from "../src/retrieval/index-manifest.js";
import { loadIndex } from "../src/retrieval/load-index.js";

const local = { provider: "local" as const };
let workDir: string;
let corpusDir: string;
let indexDir: string;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-index-store-"));
  corpusDir = path.join(workDir, "corpus");
  indexDir = path.join(workDir, "index");
  await mkdir(corpusDir);
  await copyFile("corpus/ilo-pir-2018-19.zh.txt", path.join(corpusDir, "ilo-pir-2018-19.zh.txt"));
  await buildIndex({ corpusDir, indexDir, embedder: local });
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

/** A few words from the middle of a passage. */
function index10Text(index: { chunks: Array<{ text: string }> }): string {
  return index.chunks[10].text.slice(20, 40);
}

async function loadError(promise: Promise<unknown>): Promise<IndexError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(IndexError);
  return error as IndexError;
}

describe("the index on disk", () => {
  it("round-trips: what is loaded is what was built, and searching it works", async () => {
    const index = await loadIndex(indexDir, local, await expectationFor({ corpusDir, embedder: local }));
    expect(index.chunks.length).toBe(index.manifest.counts.chunks);
    expect(index.manifest.embedder).toEqual({ id: LOCAL_EMBEDDER_ID, dimension: 1024 });
    const vector = await index.embedder.embeddings.embedQuery(index.chunks[10].text);
    const [[document]] = await index.vectorStore.similaritySearchVectorWithScore(vector, 1);
    expect(document.metadata.id).toBe(index.chunks[10].id);
  });

  it("ranks passages by words alike whether their words were saved with it or are segmented at load", async () => {
    const saved = await loadIndex(indexDir, local);
    const olderDir = path.join(workDir, "index-without-words");
    await cp(indexDir, olderDir, { recursive: true });
    const buildDir = (await currentBuildDir(olderDir))!;
    const manifestPath = path.join(buildDir, MANIFEST_FILE);
    const manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    expect(manifest.files).toHaveProperty("words.json");
    delete manifest.files["words.json"];
    await rm(path.join(buildDir, "words.json"));
    await writeFile(manifestPath, JSON.stringify(manifest));
    const segmented = await loadIndex(olderDir, local);
    for (const query of [index10Text(saved), "社会保护 青年就业", "social dialogue"])
      expect(segmented.bm25.search(query, 20)).toEqual(saved.bm25.search(query, 20));
  });

  it("records the corpus checksum, chunker settings, counts and a checksum of every file", async () => {
    const buildDir = (await currentBuildDir(indexDir))!;
    const manifest = JSON.parse(await readFile(path.join(buildDir, MANIFEST_FILE), "utf8"));
    expect(manifest.corpus.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(manifest.chunker.chunkSize).toBeGreaterThan(manifest.chunker.chunkOverlap);
    expect(Object.keys(manifest.files)).toEqual(
      expect.arrayContaining(["hnswlib.index", "chunks.json", "docstore.json", "args.json"]),
    );
  });

  it("is reported stale when the corpus changes", async () => {
    const changedCorpus = path.join(workDir, "changed-corpus");
    await mkdir(changedCorpus);
    await copyFile(path.join(corpusDir, "ilo-pir-2018-19.zh.txt"), path.join(changedCorpus, "ilo-pir-2018-19.zh.txt"));
    await appendFile(path.join(changedCorpus, "ilo-pir-2018-19.zh.txt"), "\n新增的一段文字。\n");
    const error = await loadError(
      loadIndex(indexDir, local, await expectationFor({ corpusDir: changedCorpus, embedder: local })),
    );
    expect(error.reason).toBe("stale");
    expect(error.message).toContain("npm run ingest");
  });

  it("refuses an index built by another embedder, saying how to re-ingest", async () => {
    const openai = {
      provider: "openai" as const,
      model: "text-embedding-3-small",
      batchSize: 8,
      timeoutMs: 1000,
      maxRetries: 0,
      baseURL: "http://127.0.0.1:9/v1",
    };
    const error = await loadError(loadIndex(indexDir, openai));
    expect(error.reason).toBe("foreign_embedder");
    expect(error.message).toMatch(/local-hashed-tfidf-v1-[0-9a-f]{8}.*openai:text-embedding-3-small/u);
    expect(error.message).toContain("npm run ingest");
  });

  it("detects a truncated index file, and ensureIndex rebuilds it", async () => {
    const copyDir = path.join(workDir, "truncated-index");
    await buildIndex({ corpusDir, indexDir: copyDir, embedder: local });
    const buildDir = (await currentBuildDir(copyDir))!;
    const indexFile = path.join(buildDir, "hnswlib.index");
    const content = await readFile(indexFile);
    await writeFile(indexFile, content.subarray(0, Math.floor(content.length / 2)));
    const error = await loadError(loadIndex(copyDir, local));
    expect(error.reason).toBe("corrupted");
    expect(error.message).toContain("hnswlib.index");
    const reasons: string[] = [];
    const rebuilt = await ensureIndex({
      corpusDir,
      indexDir: copyDir,
      embedder: local,
      onRebuild: (reason) => reasons.push(reason.reason),
    });
    expect(reasons).toEqual(["corrupted"]);
    expect(rebuilt.chunks.length).toBeGreaterThan(100);
  });

  it("lets only one ingest run at a time", async () => {
    const lock = await acquireIndexLock(indexDir);
    try {
      const error = await loadError(buildIndex({ corpusDir, indexDir, embedder: local }));
      expect(error.reason).toBe("locked");
    } finally {
      await lock.release();
    }
  });

  it("keeps the previous index loadable when an ingest is killed mid-build", async () => {
    const before = await currentBuildDir(indexDir);
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "ingest"], {
      env: { ...process.env, INDEX_DIR: indexDir, CORPUS_DIR: corpusDir },
      stdio: "ignore",
    });
    // Kill it as soon as its build directory appears, or after a short while.
    let killedMidBuild = false;
    for (let waited = 0; waited < 15_000 && child.exitCode === null; waited += 5) {
      const builds = (await readdir(indexDir)).filter((name) => name.startsWith("build-"));
      if (builds.length > 1) {
        killedMidBuild = child.kill("SIGKILL");
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (child.exitCode === null) await new Promise((resolve) => child.once("exit", resolve));
    expect(killedMidBuild).toBe(true);
    // Either the pointer still names the previous build, or the kill landed after the switch to a complete one.
    const after = (await currentBuildDir(indexDir))!;
    if (after !== before) expect(await readdir(after)).toContain(MANIFEST_FILE);
    const index = await loadIndex(indexDir, local);
    expect(index.chunks.length).toBeGreaterThan(100);
    // The lock it left behind belongs to a dead process: the next build takes it over.
    await buildIndex({ corpusDir, indexDir, embedder: local });
  });
});
