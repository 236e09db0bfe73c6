/**
 * The numbering of headings and captions, in the common forms of Chinese and English reports:
 * parts and appendices (`第二部分`, `附录 II`, `Part 2`, `Appendix A`), chapters and sections
 * (`第三章`, `Chapter 3`, `Section 2`), enumerations (`一、`, `（一）`, `1.`, `1.1`, `(1)`, `I.`),
 * numbered series of labelled headings (`<label> 3：…`, `<label> A.1：…`) and captions (`图 3.`,
 * `Table 2`). The structure and table readers stop at them.
 *
 * @module
 */

/**
 * What a heading opens: a part or appendix; a member of a labelled series (`outcome`) or of a
 * sub-series numbered inside it (`indicator`); a heading of an enumeration or chapter scheme
 * (`numbered`); or a heading known by its shape only.
 */
export type HeadingKind = "part" | "outcome" | "indicator" | "numbered" | "generic";

/** What the numbering of a heading line says. */
export interface HeadingNumbering {
  kind: HeadingKind;
  /** `3` for `<label> 3：…`, `A.1` for `<label> A.1：…`. */
  number?: string;
  /** The label of a series heading (`Outcome` in `Outcome 3: …`). */
  label?: string;
  /**
   * For `numbered` headings: the numbering scheme (`一、`, `（一）`, `1.`, `1.1`, `I.` …); deeper schemes
   * nest.
   */
  scheme?: string;
}

const CHINESE_NUMBER = "[一二三四五六七八九十百零〇]+";
const ROMAN = "(?:X{0,3}(?:IX|IV|V?I{0,3}))";

const PART_HEADING = new RegExp(`^第(?:${CHINESE_NUMBER}|\\d+)\\s*(?:部分|篇)(?:\\s*[.．、:：]?\\s*\\S.*)?$`, "u");
const APPENDIX_HEADING = new RegExp(
  `^(?:附录|附件|Appendix|Annex)\\s*(?:${ROMAN}|${CHINESE_NUMBER}|\\d+|[A-Z])?(?:\\s*[.．:：]\\s*\\S.*)?$`,
  "u",
);
const ENGLISH_PART = new RegExp(`^Part\\s+(?:${ROMAN}|\\d+|[A-Z]|One|Two|Three|Four|Five|Six)\\b`, "u");

/** Enumeration and chapter schemes, each with the pattern of its heading's start. */
const SCHEMES: Array<{ scheme: string; pattern: RegExp }> = [
  { scheme: "章", pattern: new RegExp(`^第(?:${CHINESE_NUMBER}|\\d+)\\s*章`, "u") },
  { scheme: "节", pattern: new RegExp(`^第(?:${CHINESE_NUMBER}|\\d+)\\s*节`, "u") },
  { scheme: "Chapter", pattern: new RegExp(`^Chapter\\s+(?:${ROMAN}|\\d+)\\b`, "u") },
  { scheme: "Section", pattern: /^Section\s+\d+(?:\.\d+)*\b/u },
  { scheme: "一、", pattern: new RegExp(`^${CHINESE_NUMBER}\\s*、`, "u") },
  { scheme: "（一）", pattern: new RegExp(`^[（(]${CHINESE_NUMBER}[)）]`, "u") },
  { scheme: "1.1.1", pattern: /^\d{1,2}\.\d{1,2}\.\d{1,2}(?![\d.])\s*\S/u },
  { scheme: "1.1", pattern: /^\d{1,2}\.\d{1,2}(?![\d.%])\s*[^\d\s%]/u },
  { scheme: "1.", pattern: /^\d{1,2}\s*[.．、](?!\d)\s*\S/u },
  { scheme: "(1)", pattern: /^[（(]\d{1,2}[)）]\s*\S/u },
  { scheme: "I.", pattern: new RegExp(`^(?=[IVX])${ROMAN}\\.\\s+\\S`, "u") },
];

/** `<label> 3：…` or `<label> A.1：…`: a heading of a labelled, numbered series. */
const SERIES_HEADING = /^(\p{Script=Han}{2,6}|[A-Z][a-z]{2,14})\s*((?:\d{1,2}|[A-Z])(?:\.\d{1,2})?)\s*[：:]\s*\S/u;

/** A figure or table caption: kind (`图`/`表`/`Figure`/`Table`), number, text. */
export const CAPTION = /^(图|表|Figure|Table|Chart|Exhibit)\s*((?:[IVX]+\.)?\d+(?:\.\d+)*)[.．:：]?\s+(\S.*)$/u;

/** The numbering of a heading line, if it has one. */
export function numberedHeadingKind(trimmed: string): HeadingNumbering | undefined {
  if (PART_HEADING.test(trimmed) || APPENDIX_HEADING.test(trimmed) || ENGLISH_PART.test(trimmed)) {
    return { kind: "part" };
  }
  const series = SERIES_HEADING.exec(trimmed);
  if (series && !CAPTION.test(trimmed)) {
    return { kind: series[2].includes(".") ? "indicator" : "outcome", number: series[2], label: series[1] };
  }
  const scheme = SCHEMES.find((candidate) => candidate.pattern.test(trimmed));
  return scheme ? { kind: "numbered", scheme: scheme.scheme } : undefined;
}

/** The short form of a numbered heading: `<label> 1` for `<label> 1：…`. */
export function shortHeading(title: string): string {
  const match = /^(.{1,16}?)\s*[：:]/u.exec(title);
  return match && /\d|[A-Z]/u.test(match[1]) ? match[1].trim() : title;
}

/**
 * A heading without its numbering: `过去五年工作回顾` for `一、过去五年工作回顾`, `2018 in Review`
 * for `I. 2018 in Review`.
 */
export function withoutNumbering(title: string): string {
  return title
    .replace(/^第\s*(?:[一二三四五六七八九十百零〇]+|\d+)\s*(?:部分|篇|章|节)\s*[.．、:：]?\s*/u, "")
    .replace(/^(?:Part|Chapter|Section|Appendix|Annex)\s+[\dIVXA-Z]+(?:\.\d+)*\s*[.:]?\s*/u, "")
    .replace(/^(?:附录|附件)\s*[\dIVX一二三四五六七八九十]*\s*[.．:：]?\s*/u, "")
    .replace(/^[一二三四五六七八九十百]+\s*、\s*/u, "")
    .replace(/^[（(](?:[一二三四五六七八九十]+|\d{1,2})[)）]\s*/u, "")
    .replace(/^(?:\d{1,2}(?:\.\d{1,2}){0,2}|[IVX]+)\s*[.．、]?\s+(?=\S)/u, "")
    .replace(/^\d{1,2}[.．、](?=\D)/u, "")
    .trim();
}
