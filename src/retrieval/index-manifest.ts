import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { EmbedderIdentity } from "../embedding/embedder.js";
import { IndexError } from "../errors.js";
import type { ChunkerSettings } from "../ingest/ingest-report.js";
import { fileSha256 } from "../storage/file-checksum.js";

export const INDEX_FORMAT_VERSION = 2;

/** Names the build directory in use; replaced atomically when a new build is ready. */
export const CURRENT_POINTER = "CURRENT";
export const MANIFEST_FILE = "manifest.json";

/** What an index was built from and with; `files` holds the checksum of every file of the build. */
export interface IndexManifest {
  formatVersion: number;
  corpus: { sha256: string; sources: string[] };
  /** The documents of the corpus: id (file name), title, language, format and, for a PDF, its pages. */
  documents: Array<{ id: string; title: string; language: "zh" | "en"; format: "text" | "pdf"; pages?: number }>;
  embedder: EmbedderIdentity;
  chunker: ChunkerSettings;
  counts: { chunks: number; sections: number; tables: number; figures: number };
  builtAt: string;
  buildMilliseconds: number;
  files: Record<string, string>;
}

const count = z.number().int().nonnegative();
const sha256 = z.string().regex(/^[0-9a-f]{64}$/u, "a sha256 in hex");

/**
 * The shape a manifest must have to be trusted. Fields it does not name are kept as they are, so
 * that a newer build's additions pass through; a manifest that does not match means a rebuild.
 */
const manifestSchema = z.looseObject({
  formatVersion: z.number().int(),
  corpus: z.looseObject({ sha256: z.string().min(1), sources: z.array(z.string()) }),
  embedder: z.looseObject({ id: z.string().min(1), dimension: z.number().int().positive() }),
  chunker: z.looseObject({ chunkSize: z.number().int().positive(), chunkOverlap: count }),
  counts: z.looseObject({ chunks: count, sections: count, tables: count, figures: count }),
  builtAt: z.iso.datetime(),
  buildMilliseconds: z.number().nonnegative(),
  files: z.record(z.string(), sha256).refine((files) => Object.keys(files).length > 0, "lists no file"),
});

/** The manifest's problems, one line each, for the rebuild message. */
function problemsOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(the whole manifest)"}: ${issue.message}`)
    .join("; ");
}

/** What the running configuration expects of the index. */
export interface IndexExpectation {
  corpusSha256: string;
  embedderId: string;
  chunker: ChunkerSettings;
}

/** The directory of the build `CURRENT` points at, or undefined when there is none. */
export async function currentBuildDir(indexDir: string): Promise<string | undefined> {
  const name = (await readFile(path.join(indexDir, CURRENT_POINTER), "utf8").catch(() => "")).trim();
  if (name === "" || name.includes("/") || name.includes("\\") || name.startsWith(".")) return undefined;
  return path.join(indexDir, name);
}

export async function readManifest(buildDir: string): Promise<IndexManifest> {
  const raw = await readFile(path.join(buildDir, MANIFEST_FILE), "utf8").catch((cause: unknown) => {
    throw new IndexError("missing", `no index manifest in ${buildDir}; run \`npm run ingest\``, { cause });
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (cause) {
    throw new IndexError("corrupted", `the index manifest in ${buildDir} is not valid JSON; run \`npm run ingest\``, {
      cause,
    });
  }
  const checked = manifestSchema.safeParse(parsed);
  if (!checked.success) {
    throw new IndexError(
      "corrupted",
      `the index manifest in ${buildDir} is not a valid manifest (${problemsOf(checked.error)}); run \`npm ` +
        `run ingest\``,
      { cause: checked.error },
    );
  }
  // The checked object itself, with any fields the schema does not name.
  return parsed as IndexManifest;
}

/**
 * Compares every file of the build with the checksum the manifest recorded; a file of the build
 * that the manifest does not list counts as a mismatch too, so an emptied `files` checks nothing.
 */
export async function verifyChecksums(buildDir: string, manifest: IndexManifest): Promise<void> {
  for (const file of await readdir(buildDir)) {
    if (file === MANIFEST_FILE || file.startsWith(".") || file in manifest.files) continue;
    throw new IndexError(
      "corrupted",
      `index file ${file} in ${buildDir} has no checksum in the manifest; run \`npm run ingest\` to rebuild`,
    );
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = await fileSha256(path.join(buildDir, file)).catch(() => "missing");
    if (actual !== expected) {
      throw new IndexError(
        "corrupted",
        `index file ${file} in ${buildDir} ` +
          `is ${actual === "missing" ? "missing" : "corrupted (checksum mismatch)"}; run \`npm run ingest\` to ` +
          `rebuild`,
      );
    }
  }
}

/** Why the manifest does not fit the expectation, or undefined when it does. */
export function describeMismatch(manifest: IndexManifest, expected: IndexExpectation): IndexError | undefined {
  if (manifest.embedder.id !== expected.embedderId) {
    return new IndexError(
      "foreign_embedder",
      `the index was built with the embedder "${manifest.embedder.id}" but "${expected.embedderId}" is configured; ` +
        "re-ingest with `npm run ingest` (or set EMBEDDING_PROVIDER to match the index)",
    );
  }
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) {
    return new IndexError(
      "stale",
      `the index format ${manifest.formatVersion} is not ${INDEX_FORMAT_VERSION}; run \`npm run ingest\``,
    );
  }
  if (manifest.corpus.sha256 !== expected.corpusSha256) {
    return new IndexError("stale", "the corpus changed since the index was built; run `npm run ingest`");
  }
  if (
    manifest.chunker.chunkSize !== expected.chunker.chunkSize ||
    manifest.chunker.chunkOverlap !== expected.chunker.chunkOverlap
  ) {
    return new IndexError("stale", "the chunker settings changed since the index was built; run `npm run ingest`");
  }
  return undefined;
}
