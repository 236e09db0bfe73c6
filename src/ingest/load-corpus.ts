/**
 * Loading of the corpus: every UTF-8 `*.txt` report and every `*.pdf` report in one folder.
 *
 * @module
 */
import { createHash } from "node:crypto";
import type { Dirent } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { readPdfDocument } from "../documents/pdf-document.js";
import { AppError } from "../errors.js";

/** One report of the corpus. */
export interface CorpusDocument {
  /** File name inside the corpus folder, e.g. `report.pdf`: the document's id. */
  source: string;
  format: DocumentFormat;
  /** The whole text: decoded as UTF-8, or read from the PDF one line per printed line. */
  text: string;
  /** For a PDF: the true page of each line of `text` (undefined on the blank lines between paragraphs). */
  linePages?: Array<number | undefined>;
  /** SHA-256 of the file (hex). */
  sha256: string;
}

export type DocumentFormat = "text" | "pdf";

const FORMATS: Record<string, DocumentFormat> = { ".txt": "text", ".pdf": "pdf" };

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
 * Reads every `*.txt` and `*.pdf` file of `corpusDir` (not its subfolders), sorted by name.
 *
 * @throws {CorpusError} `unreadable` when the folder cannot be listed, `empty` when it holds no report.
 * @throws {PdfReadError} when a PDF cannot be read.
 * @example
 * const documents = await loadCorpus("corpus");
 */
export async function loadCorpus(corpusDir: string): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  for (const name of await reportNames(corpusDir)) documents.push(await readDocument(corpusDir, name));
  return documents;
}

/**
 * The checksum {@link corpusChecksum} gives for the corpus, from the files' bytes alone (no PDF is parsed).
 *
 * @throws {CorpusError} as {@link loadCorpus}.
 */
export async function readCorpusChecksum(corpusDir: string): Promise<string> {
  const documents: Array<Pick<CorpusDocument, "source" | "sha256">> = [];
  for (const name of await reportNames(corpusDir)) {
    documents.push({ source: name, sha256: sha256(await readFile(path.join(corpusDir, name))) });
  }
  return corpusChecksum(documents);
}

async function reportNames(corpusDir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(corpusDir, { withFileTypes: true });
  } catch (error) {
    throw new CorpusError("unreadable", corpusDir, `Cannot read the corpus folder ${corpusDir}`, { cause: error });
  }
  const names = entries
    .filter((entry) => entry.isFile() && formatOf(entry.name) !== undefined)
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) {
    throw new CorpusError("empty", corpusDir, `The corpus folder ${corpusDir} holds no .txt or .pdf report`);
  }
  return names;
}

function formatOf(name: string): DocumentFormat | undefined {
  return FORMATS[path.extname(name).toLowerCase()];
}

async function readDocument(corpusDir: string, name: string): Promise<CorpusDocument> {
  const bytes = await readFile(path.join(corpusDir, name));
  if (formatOf(name) === "text") {
    return { source: name, format: "text", text: bytes.toString("utf8"), sha256: sha256(bytes) };
  }
  const lines = await readPdfDocument(new Uint8Array(bytes), name);
  return {
    source: name,
    format: "pdf",
    text: lines.map((line) => line.text).join("\n"),
    linePages: lines.map((line) => line.page),
    sha256: sha256(bytes),
  };
}

/** SHA-256 over the documents' names and files, in order: changes when any report is added, removed or edited. */
export function corpusChecksum(documents: Array<Pick<CorpusDocument, "source" | "sha256">>): string {
  const hash = createHash("sha256");
  for (const document of documents) {
    hash.update(document.source).update("\u0000").update(document.sha256).update("\u0000");
  }
  return hash.digest("hex");
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
