/** Example questions as buttons, the reader's language first. */

import { reportIdentity } from "../report-identity.js";
import { createButton, createElement } from "./dom.js";
import type { InterfaceLanguage, UiTexts } from "./ui-texts.js";

/** A list of example questions; pressing one asks it. */
export function renderExampleQuestions(
  texts: UiTexts,
  language: InterfaceLanguage,
  onAsk: (question: string) => void,
): HTMLElement {
  const ordered = [...reportIdentity.examples].sort(
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
