/** Tidies the citation markers of an answer line before it is shown. */

const sentenceEnd = /[。！？!?；;]|\.(?!\d)/u;
const markerAt = /^\[(\d{1,3})\]/u;

/**
 * One marker per sentence: a marker repeated before the sentence ends is dropped, and a full stop
 * doubled around a marker (`。[1]。`) is said once (`。[1]`).
 */
export function tidyMarkers(line: string): string {
  let output = "";
  let seen = new Set<string>();
  let index = 0;
  while (index < line.length) {
    const marker = markerAt.exec(line.slice(index));
    if (marker) {
      const id = marker[1];
      if (!seen.has(id)) output += marker[0];
      seen.add(id);
      index += marker[0].length;
      const previous = output.replace(/(\s*\[\d{1,3}\])+$/u, "").slice(-1);
      const next = line[index];
      if (next !== undefined && next === previous && sentenceEnd.test(next)) index += 1;
      continue;
    }
    const character = line[index];
    output += character;
    index += 1;
    // A marker directly after the sentence's end still belongs to that sentence.
    if (sentenceEnd.test(character) && !markerAt.test(line.slice(index).trimStart())) seen = new Set();
  }
  return output.replace(/\s+(\[\d{1,3}\])/gu, "$1");
}
