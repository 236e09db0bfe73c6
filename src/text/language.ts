export type Language = "zh" | "en";

const HAN = /\p{Script=Han}/gu;
const LATIN_LETTER = /[A-Za-z]/g;

/** The language a question is written in: Chinese as soon as Han characters outnumber a third of the letters. */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN)?.length ?? 0;
  const latin = text.match(LATIN_LETTER)?.length ?? 0;
  if (han === 0 && latin > 0) return "en";
  return han * 3 >= latin ? "zh" : "en";
}
