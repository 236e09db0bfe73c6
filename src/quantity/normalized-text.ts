/** Text in NFKC form, with the offset of every normalized character in the text as written. */
export interface NormalizedText {
  /** NFKC of the original, full-width digits and signs folded to ASCII, every space kind to " ". */
  text: string;
  /** `offsets[i]` is the offset in the original of the character that produced `text[i]`; one extra at the end. */
  offsets: number[];
}

/** Folds `original` to NFKC one code point at a time, so every normalized offset maps back to a written one. */
export function normalizeWithOffsets(original: string): NormalizedText {
  let text = "";
  const offsets: number[] = [];
  let position = 0;
  for (const character of original) {
    let folded = character.normalize("NFKC");
    if (/^\s+$/u.test(folded)) folded = " ";
    // Ideographic full stop and comma stay as they are; NFKC keeps them, and so does the scanner.
    text += folded;
    for (let index = 0; index < folded.length; index += 1) offsets.push(position);
    position += character.length;
  }
  offsets.push(position);
  return { text, offsets };
}
