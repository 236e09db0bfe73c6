/** The documents an index holds, named by their file name inside `corpus/` or by its stem. */
import path from "node:path";
import { UserError } from "../errors.js";
import type { Chunk } from "../types.js";

/**
 * A file name without its last extension: `report.pdf` → `report`, `ilo-pir-2018-19.zh.txt` →
 * `ilo-pir-2018-19.zh`.
 */
export function documentStem(source: string): string {
  const base = path.basename(source);
  const extension = path.extname(base);
  return extension.length > 0 && extension.length < base.length ? base.slice(0, -extension.length) : base;
}

function comparable(name: string): string {
  return name.normalize("NFKC").trim().toLowerCase();
}

/** The documents of an index, in the order their passages come. */
export class ReportDocuments {
  /** Document ids (`Chunk.source`). */
  readonly ids: string[];
  private readonly byName = new Map<string, string>();

  constructor(chunks: readonly Chunk[]) {
    this.ids = [...new Set(chunks.map((chunk) => chunk.source))];
    for (const id of this.ids) {
      this.byName.set(comparable(id), id);
      if (!this.byName.has(comparable(documentStem(id)))) this.byName.set(comparable(documentStem(id)), id);
    }
  }

  /**
   * The document a request names by its id or file stem (case and Unicode width ignored).
   * @throws {UserError} 400 `unknown_report` naming the documents there are.
   */
  resolve(report: string): string {
    const id = this.byName.get(comparable(report));
    if (id !== undefined) return id;
    const known = this.ids.slice(0, 10).join(", ");
    throw new UserError(400, "unknown_report", `no document "${report}" in the index; documents: ${known}`);
  }
}
