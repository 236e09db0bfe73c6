import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Jieba } from "@node-rs/jieba";

let shared: Jieba | undefined;

/**
 * The jieba segmenter with its bundled dictionary, loaded once (about 150 ms) on first use. The
 * dictionary file is read here rather than through `@node-rs/jieba/dict.js`, which also reads the
 * 6 MB keyword table and keeps both in memory for good.
 */
export function segmenter(): Jieba {
  shared ??= Jieba.withDict(readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt")));
  return shared;
}

/** Words that carry no meaning for retrieval: function words, question words, punctuation. */
const STOP_WORDS = new Set(
  (
    "的 了 和 与 及 或 在 是 为 于 对 由 从 把 被 将 等 也 都 就 而 并 其 之 这 那 " +
    "这些 那些 该 此 " +
    "有 有关 关于 以 以及 中 上 下 内 个 吗 呢 吧 啊 么 什么 多少 几 哪 哪个 " +
    "哪些 哪里 如何 怎么 怎样 怎么样 为什么 是否 " +
    "请问 请 告诉 我 我们 你 你们 他们 它 它们 一下 一共 大概 大约 现在 目前 报告 " +
    "哪几 几个 哪几个 哪一 哪一年 哪年 哪家 哪位 哪种 谁 何时 何地 什么时候 " +
    "时候 以后 之后 分别 各是 各自 多大 多高 多久 " +
    "那年 那个 这个 那些 这些 其中 主要 具体 一些 有些 都是 还有 以及 通过了吗 " +
    "吗 是不是 能 会 要 得 着 过 呀 " +
    "the a an of in on at to for from by with and or is are was were be been what which who how many much " +
    "did does do that this these those it its as about into than there their they report"
  ).split(/\s+/),
);

/**
 * Changes whenever the words kept for retrieval change, so that an index built with other
 * word rules is recognised as built by another embedder.
 */
export const SEGMENTATION_SIGNATURE = createHash("sha1")
  .update([...STOP_WORDS].sort().join(" "))
  .update("english-stems")
  .digest("hex")
  .slice(0, 8);

const PUNCTUATION_ONLY = /^[\s\p{P}\p{S}]+$/u;

/** Recent short texts and the place names in them: answers tag the same passages' sentences again. */
const recentPlaces = new Map<string, string[]>();

/** Place names jieba's part-of-speech tagger finds in a text (日本, 日内瓦, 玻利维亚). */
export function placeNames(text: string): string[] {
  if (text.length > CACHED_TEXT_LENGTH) return tagPlaces(text);
  let names = recentPlaces.get(text);
  if (!names) {
    names = tagPlaces(text);
    if (recentPlaces.size >= RECENT_LIMIT) recentPlaces.delete(recentPlaces.keys().next().value as string);
    recentPlaces.set(text, names);
  }
  return [...names];
}

function tagPlaces(text: string): string[] {
  const names = segmenter()
    .tag(text.normalize("NFKC"), true)
    .filter((tagged) => tagged.tag === "ns" && tagged.word.length >= 2)
    .map((tagged) => tagged.word);
  return [...new Set(names)];
}

/** Recent short texts and their words: one question is segmented for analysis, embedding and BM25 alike. */
const recentWords = new Map<string, string[]>();
const RECENT_LIMIT = 512;
const CACHED_TEXT_LENGTH = 512;

function segment(text: string): string[] {
  const words = segmenter().cutForSearch(text.normalize("NFKC").toLowerCase(), true);
  return words
    .map((word) => word.trim())
    .filter((word) => word.length > 0 && !PUNCTUATION_ONLY.test(word) && !STOP_WORDS.has(word));
}

/** Lower-cased jieba words without stop words and punctuation, in order (duplicates kept). */
export function contentWords(text: string): string[] {
  if (text.length > CACHED_TEXT_LENGTH) return segment(text);
  const cached = recentWords.get(text);
  if (cached) return [...cached];
  const words = segment(text);
  if (recentWords.size >= RECENT_LIMIT) recentWords.delete(recentWords.keys().next().value as string);
  recentWords.set(text, words);
  return [...words];
}
