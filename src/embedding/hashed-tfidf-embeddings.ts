import { Embeddings } from "@langchain/core/embeddings";
import { SEGMENTATION_SIGNATURE } from "../text/segmenter.js";
import { retrievalWords } from "../text/tokenizer.js";
import type { Embedder, EmbedderIdentity } from "./embedder.js";

/** The fitted state of the local embedder: saved with the index so queries are weighted as passages were. */
export interface HashedTfidfState {
  version: 1;
  dimension: number;
  documentCount: number;
  /** Inverse document frequency of each feature seen while fitting. */
  idf: Record<string, number>;
}

export interface HashedTfidfOptions {
  /** Vector length. @default 1024 */
  dimension?: number;
}

/** Id of the offline embedder: its feature rules and the word rules they depend on. */
export const LOCAL_EMBEDDER_ID = `local-hashed-tfidf-v1-${SEGMENTATION_SIGNATURE}`;

const HAN_RUN = /\p{Script=Han}+/gu;

/** FNV-1a, 32 bits: a stable hash that needs no dependency. */
function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < feature.length; index += 1) {
    hash ^= feature.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * The features of a text: jieba words (`w:`) and Chinese character bigrams (`b:`), which catch paraphrases jieba
 * splits differently.
 */
export function textFeatures(text: string): string[] {
  const features = retrievalWords(text).map((word) => `w:${word}`);
  for (const run of text.normalize("NFKC").match(HAN_RUN) ?? []) {
    for (let index = 0; index + 1 < run.length; index += 1) features.push(`b:${run.slice(index, index + 2)}`);
  }
  return features;
}

function countFeatures(features: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const feature of features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  return counts;
}

/**
 * Offline embeddings for Chinese and English: TF-IDF weights of jieba words and character bigrams,
 * hashed into a fixed number of signed buckets, L2-normalised. Deterministic, no download, no key.
 */
export class HashedTfidfEmbeddings extends Embeddings implements Embedder {
  readonly identity: EmbedderIdentity;
  readonly embeddings = this;
  private readonly state: HashedTfidfState;
  private readonly unseenIdf: number;

  private constructor(state: HashedTfidfState) {
    super({});
    this.state = state;
    this.identity = { id: LOCAL_EMBEDDER_ID, dimension: state.dimension };
    this.unseenIdf = Math.log((state.documentCount + 1) / 1) + 1;
  }

  /** Learns feature weights from the passages that will be indexed. */
  static fit(texts: string[], options: HashedTfidfOptions = {}): HashedTfidfEmbeddings {
    const documentFrequency = new Map<string, number>();
    for (const text of texts) {
      for (const feature of new Set(textFeatures(text))) {
        documentFrequency.set(feature, (documentFrequency.get(feature) ?? 0) + 1);
      }
    }
    const idf: Record<string, number> = {};
    for (const [feature, frequency] of [...documentFrequency.entries()].sort(([left], [right]) =>
      left < right ? -1 : 1,
    )) {
      idf[feature] = Number((Math.log((texts.length + 1) / (frequency + 1)) + 1).toFixed(4));
    }
    return new HashedTfidfEmbeddings({
      version: 1,
      dimension: options.dimension ?? 1024,
      documentCount: texts.length,
      idf,
    });
  }

  static fromState(state: HashedTfidfState): HashedTfidfEmbeddings {
    return new HashedTfidfEmbeddings(state);
  }

  toState(): HashedTfidfState {
    return this.state;
  }

  /** The vector of one text. */
  embedText(text: string): number[] {
    const vector = new Float64Array(this.state.dimension);
    for (const [feature, count] of countFeatures(textFeatures(text))) {
      const hash = hashFeature(feature);
      const sign = hash & 1 ? -1 : 1;
      const weight = (1 + Math.log(count)) * (this.state.idf[feature] ?? this.unseenIdf);
      vector[(hash >>> 1) % this.state.dimension] += sign * weight;
    }
    let norm = 0;
    for (let index = 0; index < vector.length; index += 1) norm += vector[index] * vector[index];
    norm = Math.sqrt(norm) || 1;
    const normalised = new Array<number>(vector.length);
    for (let index = 0; index < vector.length; index += 1) normalised[index] = vector[index] / norm;
    return normalised;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.embedText(document));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embedText(document);
  }
}
