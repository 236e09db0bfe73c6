import type { Chunk } from "../types.js";

/** A line of a list of abbreviations: "DWCP 体面劳动国别计划", "ILO International Labour Organization". */
const ABBREVIATION_LINE = /^\s*([A-Z][A-Za-z0-9+&-]{1,14})\s+([^\s。！？；.!?;:：][^。！？；!?;]{1,60}?)\s*$/u;
/** "东南亚国家联盟(东盟)": the long form with its short Chinese name in brackets. */
const BRACKETED_SHORT = /^(.+?)\s*[(（]([^()（）]{1,12})[)）]$/u;

/**
 * The abbreviations the report spells out, read from its own lines of the form "short long" (a list
 * of abbreviations), short form in lower case → the ways the report writes it out.
 */
export function abbreviationsOf(chunks: Chunk[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const chunk of chunks) {
    for (const line of chunk.text.split("\n")) {
      const match = ABBREVIATION_LINE.exec(line.normalize("NFKC"));
      if (!match) continue;
      const [, short, long] = match;
      // The long form of a Latin abbreviation is words, not a number or another code.
      if (/^[A-Z0-9\s+&-]+$/u.test(long) || /\d/u.test(long)) continue;
      const bracketed = BRACKETED_SHORT.exec(long);
      const forms = bracketed ? [bracketed[1].trim(), bracketed[2].trim()] : [long.trim()];
      const key = short.toLowerCase();
      found.set(key, [...new Set([...(found.get(key) ?? []), ...forms])]);
    }
  }
  return found;
}
