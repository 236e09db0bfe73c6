/** Example questions as buttons, the reader's language first. */

import type { ExampleQuestion } from "../report-identity.js";
import { createButton, createElement } from "./dom.js";
import type { InterfaceLanguage, UiTexts } from "./ui-texts.js";

/** A list of the report's example questions; pressing one asks it. Without examples, an empty element. */
export function renderExampleQuestions(
  texts: UiTexts,
  language: InterfaceLanguage,
  examples: readonly ExampleQuestion[],
  onAsk: (question: string) => void,
): HTMLElement {
  if (examples.length === 0) return createElement("div", { className: "rc-examples", attributes: { hidden: "" } });
  const ordered = [...examples].sort(
    (left, right) => Number(right.language === language) - Number(left.language === language),
  );
  const items = ordered.map((example) =>
    createElement("li", {}, [
      createButton(
        example.text,
        { className: "rc-example", attributes: { lang: example.language === "zh" ? "zh-CN" : "en" } },
        () => onAsk(example.text),
      ),
    ]),
  );
  return createElement("div", { className: "rc-examples" }, [
    createElement("p", { className: "rc-examples-label", text: texts.exampleQuestions }),
    createElement("ul", {}, items),
  ]);
}
