/**
 * Deriving the report profile at ingest: each document's title (its first title lines), the
 * outline (its section paths), the main topics (its top headings), the abbreviations and
 * bilingual pairs it defines (`体面劳动国别计划 (DWCP)`, `Gross domestic product (GDP)`, an
 * abbreviation list), and the units its figures use.
 *
 * @module
 */
import { withoutNumbering } from "../ingest/heading-numbering.js";
import type { CorpusDocument } from "../ingest/load-corpus.js";
import { findFigures } from "../quantity/find-quantities.js";
import { detectLanguage, type Language } from "../text/language.js";
import { segmenter } from "../text/segmenter.js";
import type { Chunk } from "../types.js";
import { knownReportFor } from "./known-reports.js";
import type { ReportDictionary } from "./report-dictionary.js";
import type { DocumentProfile, OutlineEntry, ReportProfile } from "./report-profile.js";

/** One ingested document, as the profile reads it. */
export interface ProfiledDocument {
  document: CorpusDocument;
  chunks: Chunk[];
  /** Section paths joined with ` > `, in reading order. */
  sections: string[];
}

const SECTION_SEPARATOR = " > ";
const MAXIMUM_TOPICS = 6;
const MAXIMUM_UNITS = 8;
const MAXIMUM_TITLE_LINE = 48;
const MAXIMUM_TITLE = 90;

/** The profile of a corpus of ingested documents; `dictionary` from `deriveReportDictionary`. */
export function deriveProfile(documents: ProfiledDocument[], dictionary: ReportDictionary = {}): ReportProfile {
  const profiles = documents.map(documentProfileOf);
  const allChunks = documents.flatMap((item) => item.chunks);
  const language = languageOf(allChunks.map((chunk) => chunk.text).join("\n"));
  const outline = documents.flatMap((item) => outlineOf(item.sections));
  const abbreviations = dedupe(
    documents.flatMap((item) => abbreviationsOf(item.chunks)),
    (entry) => entry.short,
  );
  const pairs = [
    ...abbreviations
      .filter((entry) => /\p{Script=Han}/u.test(entry.long))
      .map(({ short, long }) => ({ en: short, zh: long })),
    ...documents.flatMap((item) => parentheticalEnglishOf(item.chunks)),
    ...documents.flatMap((item) => knownEnglishTermsOf(item.document.source)),
  ];
  return {
    title: profiles.map((profile) => profile.title).join(language === "zh" ? "；" : "; "),
    language,
    outline,
    topics: topicsOf(outline, profiles),
    abbreviations,
    bilingualPairs: dedupe(pairs, (pair) => `${pair.en.toLowerCase()}\u0000${pair.zh}`),
    units: unitsOf(allChunks),
    documents: profiles,
    dictionary,
  };
}

function documentProfileOf(item: ProfiledDocument): DocumentProfile {
  const { document } = item;
  const profile: DocumentProfile = {
    id: document.source,
    title: knownReportFor(document.source)?.title ?? titleOf(document.text) ?? stemOf(document.source),
    language: languageOf(document.text),
    format: document.format,
    chunks: item.chunks.length,
    sections: item.sections.length,
  };
  const opening = openingOf(item.chunks);
  if (opening !== undefined) profile.opening = opening;
  const pages = document.linePages?.filter((page) => page !== undefined) ?? [];
  if (pages.length > 0) profile.pages = Math.max(...pages);
  return profile;
}

/** Sections that say what a report is about: its summary or introduction. */
const OPENING_SECTION =
  /^(?:摘要|概要|内容提要|提要|概述|导言|引言|前言|序言|executive summary|summary|overview|introduction|foreword|preface)$/iu;
const SENTENCE = /[^。！？!?]*?(?:[。！？!?]|\.(?=\s|$))/gu;
const MAXIMUM_OPENING = { zh: 120, en: 280 };

/**
 * The report's first words about itself: the first sentences of its summary or introduction, else
 * of its first paragraph that reads as prose (a sentence of some length), up to a short length.
 */
function openingOf(chunks: Chunk[]): string | undefined {
  const prose = chunks.filter((chunk) => chunk.kind === "text");
  const introduction = prose.find((chunk) =>
    OPENING_SECTION.test(withoutNumbering(chunk.sectionPath[chunk.sectionPath.length - 1] ?? "")),
  );
  for (const chunk of introduction ? [introduction, ...prose] : prose) {
    for (const paragraph of chunk.text.split(/\n+/u)) {
      const sentences = paragraph.trim().match(SENTENCE) ?? [];
      if ((sentences[0]?.trim().length ?? 0) < 24) continue;
      const limit = MAXIMUM_OPENING[detectLanguage(paragraph)];
      let opening = "";
      for (const sentence of sentences) {
        const next = `${opening}${opening && !/\p{Script=Han}/u.test(sentence) ? " " : ""}${sentence.trim()}`;
        if (opening !== "" && next.length > limit) break;
        opening = next;
      }
      return opening.length > limit * 1.5 ? `${opening.slice(0, limit)}…` : opening;
    }
  }
  return undefined;
}

function stemOf(source: string): string {
  return source.replace(/\.(txt|pdf)$/iu, "");
}

function languageOf(text: string): Language {
  return detectLanguage(text.slice(0, 20_000));
}

/**
 * The title a document prints first: its first lines while they are short and title-shaped
 * (no sentence punctuation), joined — `HSBC Bank Middle East` + `Limited` + `Annual Report …`.
 */
export function titleOf(text: string): string | undefined {
  const lines = text
    .split("\n")
    .map((line) => line.replace(/\s+/gu, " ").trim())
    .filter((line) => line !== "")
    .slice(0, 4);
  const parts: string[] = [];
  for (const line of lines) {
    if (line.length > MAXIMUM_TITLE_LINE || /[。！？；，,;:：!?]|\.$/u.test(line) || /^[—–-]/u.test(line)) break;
    if (parts.some((part) => part.includes(line))) break;
    const joined = [...parts, line].join(" ");
    if (joined.length > MAXIMUM_TITLE) break;
    parts.push(line);
    // A line long enough to name the report ends the title.
    if (/\p{Script=Han}/u.test(line) ? line.length >= 8 : line.split(" ").length >= 5) break;
  }
  return parts.length > 0 ? normalizeTitleCase(parts.join(" ")) : undefined;
}

/** `REPORT ON THE WORK OF THE GOVERNMENT` reads `Report on the Work of the Government`. */
function normalizeTitleCase(title: string): string {
  if (/\p{Script=Han}/u.test(title) || title !== title.toUpperCase()) return title;
  const small = new Set(["a", "an", "and", "as", "at", "for", "in", "of", "on", "or", "the", "to"]);
  return title
    .toLowerCase()
    .split(" ")
    .map((word, index) => (index > 0 && small.has(word) ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join(" ");
}

function outlineOf(sections: string[]): OutlineEntry[] {
  return sections
    .filter((section) => section !== "")
    .map((section) => {
      const path = section.split(SECTION_SEPARATOR);
      return { heading: path[path.length - 1], level: path.length, path: section };
    });
}

/** Headings that organise any document rather than say what it covers. */
export const FRONT_MATTER = new RegExp(
  [
    "^(?:前言|序言|序|目录|缩略语|缩写|缩略词|导言|引言|摘要",
    "|概要|致谢|foreword|preface|contents|abbreviations|acronyms|introduction",
    "|summary|acknowledgements?)$",
  ].join(""),
  "iu",
);

/** The report's top headings without their numbering, titles aside: what the report covers. */
function topicsOf(outline: OutlineEntry[], documents: DocumentProfile[]): string[] {
  const titles = documents.map((document) => document.title);
  const headingsAt = (level: number) =>
    dedupe(
      outline
        .filter((entry) => entry.level === level)
        .map((entry) => withoutNumbering(entry.heading))
        .filter((heading) => heading.length >= 2 && !FRONT_MATTER.test(heading))
        .filter((heading) => !titles.some((title) => title.includes(heading))),
      (heading) => heading,
    );
  const top = headingsAt(1);
  // Where the report numbers its parts, the unnumbered top lines are front matter (a byline, a salutation).
  const numbered = outline
    .filter((entry) => entry.level === 1 && withoutNumbering(entry.heading) !== entry.heading)
    .map((entry) => withoutNumbering(entry.heading));
  const parts = numbered.length >= 2 ? top.filter((heading) => numbered.includes(heading)) : top;
  const topics = parts.length >= 3 ? parts : [...parts, ...headingsAt(2)];
  return topics.slice(0, MAXIMUM_TOPICS);
}

/** Sections that list abbreviations, in either language. */
const ABBREVIATION_SECTION = /缩略语|缩写|简称|abbreviations|acronyms/iu;
const ABBREVIATION_LINE = /^([A-Z][A-Za-z0-9&/.+-]{1,14})\s+(\S.{1,60})$/u;
const CHINESE_WITH_ABBREVIATION = /(\p{Script=Han}{2,24})\s*[（(]\s*([A-Z][A-Za-z0-9&+-]{1,11})\s*[)）]/gu;
const ENGLISH_WITH_ABBREVIATION =
  /((?:[A-Za-z][A-Za-z-]*\s+){1,9}[A-Za-z][A-Za-z-]*)\s*\(\s*([A-Z][A-Za-z0-9&-]{1,11})\s*\)/gu;
const CHINESE_WITH_ENGLISH = /(\p{Script=Han}{2,24})\s*[（(]\s*([A-Za-z][A-Za-z ,'&-]{3,60}?)\s*[)）]/gu;
const MAXIMUM_CHINESE_TERM = 10;
const MINOR_WORDS = new Set(["of", "and", "the", "for", "on", "in", "to", "a", "an", "&"]);

/** Abbreviations the report defines: in its abbreviation list and in brackets after their long form. */
function abbreviationsOf(chunks: Chunk[]): Array<{ short: string; long: string }> {
  const found: Array<{ short: string; long: string }> = [];
  for (const chunk of chunks) {
    if (ABBREVIATION_SECTION.test(chunk.section)) {
      for (const line of chunk.text.split(/\n+/u)) {
        const match = ABBREVIATION_LINE.exec(line.trim());
        if (match && /\p{L}/u.test(match[2])) found.push({ short: match[1], long: match[2].trim() });
      }
    }
    for (const match of chunk.text.matchAll(CHINESE_WITH_ABBREVIATION)) {
      found.push({ short: match[2], long: trailingTerm(match[1]) });
    }
    for (const match of chunk.text.matchAll(ENGLISH_WITH_ABBREVIATION)) {
      const long = expansionOf(match[1], match[2]);
      if (long) found.push({ short: match[2], long });
    }
  }
  return found;
}

/**
 * English phrases the report gives in brackets after a Chinese term: `社会保护底线（Social Protection
 * Floor）`.
 */
function parentheticalEnglishOf(chunks: Chunk[]): Array<{ en: string; zh: string }> {
  const pairs: Array<{ en: string; zh: string }> = [];
  for (const chunk of chunks) {
    for (const match of chunk.text.matchAll(CHINESE_WITH_ENGLISH)) {
      if (/^[A-Z][A-Za-z0-9&+-]{1,11}$/u.test(match[2])) continue;
      pairs.push({ en: match[2].trim(), zh: trailingTerm(match[1]) });
    }
  }
  return pairs;
}

function knownEnglishTermsOf(documentId: string): Array<{ en: string; zh: string }> {
  return (knownReportFor(documentId)?.englishTerms ?? []).flatMap(([en, terms]) => terms.map((zh) => ({ en, zh })));
}

/** The last words of a run of Chinese text, at most a term's length: the term a bracket explains. */
function trailingTerm(run: string): string {
  if (run.length <= MAXIMUM_CHINESE_TERM) return run;
  const words = segmenter().cut(run, false);
  let term = "";
  for (let index = words.length - 1; index >= 0; index -= 1) {
    if (term.length + words[index].length > MAXIMUM_CHINESE_TERM) break;
    term = words[index] + term;
  }
  return term || run.slice(-MAXIMUM_CHINESE_TERM);
}

/** The words before an abbreviation whose initials spell it: `Gross domestic product` for `GDP`. */
function expansionOf(words: string, short: string): string | undefined {
  const letters = short.replace(/[^A-Za-z]/gu, "").toLowerCase();
  const all = words.trim().split(/\s+/u);
  for (let count = 1; count <= all.length; count += 1) {
    const candidate = all.slice(all.length - count);
    const initials = candidate
      .filter((word) => !MINOR_WORDS.has(word.toLowerCase()))
      .map((word) => word[0].toLowerCase())
      .join("");
    if (initials === letters && !MINOR_WORDS.has(candidate[0].toLowerCase())) return candidate.join(" ");
    if (initials.length > letters.length) return undefined;
  }
  return undefined;
}

/** The units the report's figures are stated in, most used first. */
function unitsOf(chunks: Chunk[]): string[] {
  const counts = new Map<string, number>();
  for (const chunk of chunks) {
    for (const mention of findFigures(chunk.text)) {
      if (mention.writtenUnit === "") continue;
      counts.set(mention.writtenUnit, (counts.get(mention.writtenUnit) ?? 0) + 1);
    }
  }
  return [...counts]
    .filter(([, count]) => count >= 2)
    .sort((left, right) => right[1] - left[1])
    .slice(0, MAXIMUM_UNITS)
    .map(([unit]) => unit);
}

function dedupe<T>(items: T[], keyOf: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
