import type { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import { LABEL_LIMIT, type StoredVectors } from "./hnsw-file.js";

/** A passage near a query vector: its position in the index's passages and its cosine similarity. */
export interface VectorNeighbour {
  position: number;
  similarity: number;
}

/** Lanes of hnswlib's SSE inner product: element `i` is summed in lane `i % 4`, lanes added in order. */
const LANES = 4;

/**
 * A query with at most this share of non-zero components (the offline embedder's hashed words) is
 * compared with every passage directly; denser ones (a hosted model's) walk the hnsw graph.
 */
const SPARSE_SHARE = 1 / 8;

/** A query's non-zero components and their values. */
interface SparseQuery {
  components: number[];
  values: number[];
}

/**
 * The query as hnswlib's cosine space reads it, without its zeros: float32 components divided by
 * their float32 norm (a zero adds nothing to a float32 sum, so leaving them out changes no bit).
 */
function sparseFloat32Query(vector: readonly number[]): SparseQuery {
  const components: number[] = [];
  const values: number[] = [];
  let squares = 0;
  for (let component = 0; component < vector.length; component += 1) {
    const value = Math.fround(vector[component]);
    if (value === 0) continue;
    components.push(component);
    values.push(value);
    squares = Math.fround(squares + Math.fround(value * value));
  }
  const norm = Math.fround(Math.sqrt(Math.abs(squares)));
  if (norm > 0)
    for (let index = 0; index < values.length; index += 1) values[index] = Math.fround(values[index] / norm);
  return { components, values };
}

/**
 * Nearest passages of the loaded hnsw graph. The position of each graph label is read from the
 * document store once, at load. A sparse query is compared with every stored vector, one non-zero
 * component at a time, with float32 sums in hnswlib's own order: the distances are bit for bit those
 * the graph computes, and equal distances are settled as there (the lower internal id is kept, the
 * lower label comes first), so the neighbours are those of a full walk of the graph. The scan is
 * checked against the graph at load, and the graph searched instead should they ever disagree.
 */
export class VectorNeighbours {
  private readonly positionOfLabel: number[];
  private readonly stored: StoredVectors | undefined;

  /** `stored` are the graph's vectors as saved (see `readStoredVectors`); without them the graph is searched. */
  constructor(
    private readonly store: HNSWLib,
    stored?: StoredVectors,
  ) {
    this.positionOfLabel = [];
    for (const label of store.index.getIdsList())
      this.positionOfLabel[label] = store.docstore.search(String(label)).metadata.position as number;
    const usable =
      stored !== undefined &&
      store.args.space === "cosine" &&
      stored.labels.length > 0 &&
      stored.labels.length === store.index.getCurrentCount() &&
      stored.dimension === store.index.getNumDimensions();
    this.stored = usable && scanAgreesWithGraph(store, stored) ? stored : undefined;
  }

  /** Whether sparse queries are compared with every stored vector rather than walking the graph. */
  get scansSparseQueries(): boolean {
    return this.stored !== undefined;
  }

  /** The `k` passages closest to `vector`, closest first (`k` is capped at the number of passages). */
  nearest(vector: number[], k: number): VectorNeighbour[] {
    const count = Math.min(k, this.store.index.getCurrentCount());
    const { stored } = this;
    if (!stored) return this.searchGraph(vector, count);
    const query = sparseFloat32Query(vector);
    if (query.components.length > stored.dimension * SPARSE_SHARE) return this.searchGraph(vector, count);
    const distances = distancesTo(stored, query);
    // Which of several passages at the last distance kept a walk of the whole graph keeps is its own
    // affair: it is asked. A graph too large to walk whole answers approximately; the scan is exact.
    const walksWholeGraph = this.store.index.getEf() >= this.store.index.getCurrentCount();
    const ids = closest(stored, distances, count, walksWholeGraph);
    if (ids === undefined) return this.searchGraph(vector, count);
    return ids.map((id) => ({
      position: this.positionOfLabel[stored.labels[id]],
      similarity: 1 - distances[id],
    }));
  }

  private searchGraph(vector: number[], count: number): VectorNeighbour[] {
    const { neighbors, distances } = this.store.index.searchKnn(vector, count);
    return neighbors.map((label, rank) => ({ position: this.positionOfLabel[label], similarity: 1 - distances[rank] }));
  }
}

/** hnswlib's cosine distance of every stored vector, `1 - Σ lane sums`, in float32 throughout. */
function distancesTo(stored: StoredVectors, query: SparseQuery): Float32Array {
  const count = stored.labels.length;
  const { starts, ids, values } = stored;
  const lanes = Array.from({ length: LANES }, () => new Float32Array(count));
  // A zero product adds nothing to a float32 sum: only the passages holding the component are visited.
  query.components.forEach((component, index) => {
    const lane = lanes[component % LANES];
    const weight = query.values[index];
    for (let entry = starts[component]; entry < starts[component + 1]; entry += 1)
      lane[ids[entry]] = lane[ids[entry]] + Math.fround(weight * values[entry]);
  });
  const distances = new Float32Array(count);
  for (let id = 0; id < count; id += 1) {
    let sum = lanes[0][id];
    for (let lane = 1; lane < LANES; lane += 1) sum = Math.fround(sum + lanes[lane][id]);
    distances[id] = 1 - sum;
  }
  return distances;
}

/**
 * Internal ids of the `count` smallest distances, by distance then label as hnswlib orders them;
 * with `deferTies`, undefined when a passage left out is as close as the last one kept (hnswlib
 * keeps either), else the lower labels are kept.
 */
function closest(
  stored: StoredVectors,
  distances: Float32Array,
  count: number,
  deferTies: boolean,
): number[] | undefined {
  const closer = (left: number, right: number) =>
    distances[left] - distances[right] || stored.labels[left] - stored.labels[right];
  const wanted = Math.min(count + 1, distances.length);
  let best: number[];
  if (wanted * 4 >= distances.length) best = inOrder(stored, distances, closer).slice(0, wanted);
  else {
    // Fewer wanted than there are: keep the best seen, in order, in one pass.
    best = [];
    for (let id = 0; id < distances.length; id += 1) {
      if (best.length === wanted && closer(id, best[wanted - 1]) >= 0) continue;
      let place = best.length === wanted ? wanted - 1 : best.length;
      while (place > 0 && closer(id, best[place - 1]) < 0) {
        best[place] = best[place - 1];
        place -= 1;
      }
      best[place] = id;
    }
  }
  if (deferTies && best.length > count && distances[best[count]] === distances[best[count - 1]]) return undefined;
  return best.slice(0, count);
}

/**
 * Every internal id by distance, then label. With small labels, each is packed with its distance's
 * bits (made to sort as the float32 does) into one float64 key, and the keys sorted as numbers.
 */
function inOrder(
  stored: StoredVectors,
  distances: Float32Array,
  closer: (left: number, right: number) => number,
): number[] {
  const { idOfLabel } = stored;
  if (!idOfLabel) return Array.from(distances.keys()).sort(closer);
  const bits = new Uint32Array(distances.buffer, distances.byteOffset, distances.length);
  const keys = new Float64Array(distances.length);
  for (let id = 0; id < distances.length; id += 1) {
    const ordered = bits[id] & 0x80000000 ? ~bits[id] >>> 0 : (bits[id] | 0x80000000) >>> 0;
    keys[id] = ordered * LABEL_LIMIT + stored.labels[id];
  }
  keys.sort();
  const ids = new Array<number>(keys.length);
  for (let rank = 0; rank < keys.length; rank += 1) ids[rank] = idOfLabel[keys[rank] % LABEL_LIMIT];
  return ids;
}

/** Whether a probe near a stored vector finds the graph's own neighbours at the graph's own distances. */
function scanAgreesWithGraph(store: HNSWLib, stored: StoredVectors): boolean {
  const count = stored.labels.length;
  const middle = Math.floor(count / 2);
  const probe = new Array<number>(stored.dimension).fill(0);
  for (let component = 0; component < stored.dimension; component += 3)
    for (let entry = stored.starts[component]; entry < stored.starts[component + 1]; entry += 1)
      if (stored.ids[entry] === middle) probe[component] = stored.values[entry];
  const wanted = Math.min(10, count);
  const distances = distancesTo(stored, sparseFloat32Query(probe));
  const scanned = [...distances].sort((left, right) => left - right);
  const idOfLabel = new Map(stored.labels.map((label, id) => [label, id]));
  const { neighbors, distances: graphDistances } = store.index.searchKnn(probe, wanted);
  // Same distances in the same order, each the one scanned for the passage the graph names.
  return neighbors.every((label, rank) => {
    const id = idOfLabel.get(label);
    return id !== undefined && graphDistances[rank] === distances[id] && graphDistances[rank] === scanned[rank];
  });
}
