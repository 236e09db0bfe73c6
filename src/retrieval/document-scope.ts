/** Retrieval and tables narrowed to one document of an index. */
import { TableStore } from "../tables/table-store.js";
import { HybridRetriever } from "./hybrid-retriever.js";
import type { LoadedIndex } from "./load-index.js";
import { type Retriever, ScopedRetriever } from "./scoped-retriever.js";

/** Retrieval over the passages of one document (its `Chunk.source`) only. */
export function documentRetriever(index: LoadedIndex, document: string): Retriever {
  const everyPassage = new HybridRetriever(index, { candidates: index.chunks.length });
  return new ScopedRetriever(everyPassage, (chunk) => chunk.source === document);
}

/** The tables and stated figures of one document. */
export function documentTables(index: LoadedIndex, document: string): TableStore {
  const inDocument = new Set(index.chunks.filter((chunk) => chunk.source === document).map((chunk) => chunk.id));
  const { tables, figures, problems } = index.tables;
  return new TableStore(
    tables.filter((table) => inDocument.has(table.chunkId)),
    figures.filter((figure) => inDocument.has(figure.chunkId)),
    problems.filter((problem) => inDocument.has(problem.chunkId)),
  );
}
