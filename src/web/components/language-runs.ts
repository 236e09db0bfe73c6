/**
 * Marks the report's Chinese words inside an English interface with `lang="zh-CN"`, so that screen
 * readers switch voice and browsers pick a Chinese font for them.
 */
import { createElement } from "./dom.js";
import type { InterfaceLanguage } from "./ui-texts.js";

const chineseCharacter = /[\u3400-\u9fff]/u;
/** Chinese characters, CJK punctuation and full-width forms, as the inside of a character class. */
const chineseOrItsPunctuation = "\\u3400-\\u9fff\\u3000-\\u3003\\u3008-\\u303f\\uff01-\\uff60";
/**
 * A run of Chinese: characters, CJK and full-width punctuation, joined across digits, spaces and ASCII
 * punctuation to the next Chinese character ("成果目标 1 支出"), but not across Latin words.
 */
const chineseRun = new RegExp(
  `[${chineseOrItsPunctuation}]+(?:[\\s\\d.,:;%()\\-–/]*[${chineseOrItsPunctuation}]+)*[)）]?`,
  "gu",
);

/** True when `text` holds a Chinese character. */
export function hasChinese(text: string): boolean {
  return chineseCharacter.test(text);
}

/** `text` as nodes, each Chinese run of an English interface in a `<span lang="zh-CN">`. */
export function withLanguageRuns(text: string, language: InterfaceLanguage): Array<Node | string> {
  if (language !== "en" || !hasChinese(text)) return [text];
  const nodes: Array<Node | string> = [];
  let position = 0;
  for (const match of text.matchAll(chineseRun)) {
    if (match.index > position) nodes.push(text.slice(position, match.index));
    nodes.push(createElement("span", { text: match[0], attributes: { lang: "zh-CN" } }));
    position = match.index + match[0].length;
  }
  if (position < text.length) nodes.push(text.slice(position));
  return nodes;
}

/**
 * `text` for a control's label: as `withLanguageRuns`, with every run in a span of its own. Text beside an
 * element would count as visible when the element does not (scrolled out of the log), and the control's
 * name would then seem not to start with its visible text.
 */
export function controlLabelRuns(text: string, language: InterfaceLanguage): Node[] {
  return withLanguageRuns(text, language).map((run) =>
    typeof run === "string" ? createElement("span", { text: run }) : run,
  );
}

/** `lang="zh-CN"` for Chinese text shown in an English interface, else nothing. */
export function languageAttributeOf(text: string, language: InterfaceLanguage): Record<string, string> {
  return language === "en" && hasChinese(text) ? { lang: "zh-CN" } : {};
}
