/**
 * The vectors and labels of a saved hnswlib index (`hnswlib.index`), read straight from its bytes:
 * the header of 64-bit sizes, then one record per element in the order of the graph's internal ids,
 * each holding its level-0 links, its float32 vector and its 64-bit label.
 *
 * @module
 */

/** A saved graph's elements in internal-id order. */
export interface StoredVectors {
  /** `labels[id]` is the label of internal id `id`. */
  labels: number[];
  dimension: number;
  /**
   * The vectors component by component, zeros left out (a passage holds few of the hashed words):
   * component `c` has the ids `ids[from..to)` and their values `values[from..to)`, ids ascending,
   * where `from = starts[c]` and `to = starts[c + 1]`.
   */
  starts: Int32Array;
  ids: Int32Array;
  values: Float32Array;
  /** `idOfLabel[label]` is its internal id; absent when a label is `LABEL_LIMIT` or more. */
  idOfLabel?: Int32Array;
}

/** Labels below this fit beside a float32's bits in one float64 sort key. */
export const LABEL_LIMIT = 2 ** 20;

const SIZE = 8;

/** Reads a saved index's vectors; undefined when the bytes are not laid out as `dimension` expects. */
export function readStoredVectors(bytes: Buffer, dimension: number): StoredVectors | undefined {
  const headerSize = 6 * SIZE + 4 + 4 + 3 * SIZE + SIZE + SIZE;
  if (bytes.length < headerSize) return undefined;
  const size = (field: number) => Number(bytes.readBigUInt64LE(field * SIZE));
  const [offsetLevel0, count, recordSize, labelOffset, dataOffset] = [0, 2, 3, 4, 5].map(size);
  const fits =
    offsetLevel0 === 0 &&
    labelOffset - dataOffset === dimension * 4 &&
    recordSize === labelOffset + SIZE &&
    headerSize + count * recordSize <= bytes.length;
  if (!fits) return undefined;
  const labels: number[] = [];
  const vectorAt = (id: number) => headerSize + id * recordSize + dataOffset;
  const counts = new Int32Array(dimension);
  for (let id = 0; id < count; id += 1) {
    labels.push(Number(bytes.readBigUInt64LE(headerSize + id * recordSize + labelOffset)));
    for (let component = 0; component < dimension; component += 1)
      if (bytes.readFloatLE(vectorAt(id) + component * 4) !== 0) counts[component] += 1;
  }
  const starts = new Int32Array(dimension + 1);
  for (let component = 0; component < dimension; component += 1)
    starts[component + 1] = starts[component] + counts[component];
  const ids = new Int32Array(starts[dimension]);
  const values = new Float32Array(starts[dimension]);
  const next = starts.slice(0, dimension);
  for (let id = 0; id < count; id += 1) {
    for (let component = 0; component < dimension; component += 1) {
      const value = bytes.readFloatLE(vectorAt(id) + component * 4);
      if (value === 0) continue;
      ids[next[component]] = id;
      values[next[component]] = value;
      next[component] += 1;
    }
  }
  const columns = { starts, ids, values };
  const largest = labels.reduce((most, label) => Math.max(most, label), 0);
  if (largest >= LABEL_LIMIT) return { labels, dimension, ...columns };
  const idOfLabel = new Int32Array(largest + 1).fill(-1);
  labels.forEach((label, id) => {
    idOfLabel[label] = id;
  });
  return { labels, dimension, ...columns, idOfLabel };
}
