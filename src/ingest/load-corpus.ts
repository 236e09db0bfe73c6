/**
 * Loading of the corpus: every UTF-8 `*.txt` report in one folder.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { AppError } from "../errors.js";

/** One report of the corpus. */
export interface CorpusDocument {
  /** File name inside the corpus folder, e.g. `ilo-pir-2018-19.zh.txt`. */
  source: string;
  /** The whole text, decoded as UTF-8. */
  text: string;
  /** SHA-256 of the text (hex). */
  sha256: string;
}

/** The corpus folder cannot be read or holds no `*.txt` report. */
export class CorpusError extends AppError {
  readonly corpusDir: string;
  readonly reason: "unreadable" | "empty";

  constructor(reason: CorpusError["reason"], corpusDir: string, message: string, options: { cause?: unknown } = {}) {
    super(`corpus_${reason}`, message, options);
    this.reason = reason;
    this.corpusDir = corpusDir;
  }
}

/**
 * Reads every `*.txt` file of `corpusDir` (not its subfolders), sorted by name.
 *
 * @throws {CorpusError} `unreadable` when the folder cannot be listed, `empty` when it holds no `*.txt` file.
 * @example
 * const documents = await loadCorpus("corpus");
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusDocument[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(corpusDir, { withFileTypes: true });
  } catch (error) {
    throw new CorpusError("unreadable", corpusDir, `Cannot read the corpus folder ${corpusDir}`, { cause: error });
  }
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith(".txt"))
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) {
    throw new CorpusError("empty", corpusDir, `The corpus folder ${corpusDir} holds no .txt report`);
  }
  return Promise.all(
    names.map(async (name) => {
      const text = await readFile(path.join(corpusDir, name), "utf8");
      return { source: name, text, sha256: sha256(text) };
    }),
  );
}

/** SHA-256 over the documents' names and texts, in order: changes when any report is added, removed or edited. */
export function corpusChecksum(documents: CorpusDocument[]): string {
  const hash = createHash("sha256");
  for (const document of documents) {
    hash.update(document.source).update("\u0000").update(document.text).update("\u0000");
  }
  return hash.digest("hex");
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
