/** Tidies the citation markers of an answer line before it is shown. */

const markerAt = /^\[(\d{1,3})\]/u;
const trailingMarkers = /(\s*\[\d{1,3}\])+$/u;

/** Whether the character at `index` ends a sentence (a full stop between digits is a decimal point). */
function endsSentence(line: string, index: number): boolean {
  const character = line[index];
  if ("。！？!?；;".includes(character)) return true;
  return character === "." && !/\d/u.test(line[index + 1] ?? "");
}

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
      if (!seen.has(marker[1])) output += marker[0];
      seen.add(marker[1]);
      index += marker[0].length;
      const before = output.replace(trailingMarkers, "").slice(-1);
      if (line[index] === before && endsSentence(line, index)) {
        index += 1;
        seen = new Set();
      }
      continue;
    }
    output += line[index];
    index += 1;
    // A marker right after the sentence's end still belongs to that sentence.
    if (endsSentence(line, index - 1) && !markerAt.test(line.slice(index).trimStart())) seen = new Set();
  }
  return output;
}
