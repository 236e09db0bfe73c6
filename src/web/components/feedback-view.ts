/** 👍/👎 under an answer: 👍 is sent at once, 👎 first asks for an optional comment. */
import { createButton, createElement } from "./dom.js";
import { thumbIcon } from "./icons.js";
import type { UiTexts } from "./ui-texts.js";

export type Rating = "up" | "down";

export interface FeedbackViewOptions {
  texts: UiTexts;
  /** The rating already given, if any. */
  given?: Rating;
  /** Sends the rating; resolves to whether the server kept it. */
  send: (rating: Rating, comment?: string) => Promise<boolean>;
  /** Called with the rating kept, or undefined when it was not and may be given again. */
  onChange: (rating: Rating | undefined) => void;
  announce: (message: string) => void;
}

/** The feedback group of one answer. */
export function renderFeedback(options: FeedbackViewOptions): HTMLElement {
  const { texts } = options;
  const group = createElement("div", {
    className: "rc-feedback",
    attributes: { role: "group", "aria-label": `${texts.helpful} / ${texts.notHelpful}` },
  });
  const thanks = (rating: Rating) =>
    createElement("p", { className: `rc-feedback-thanks rc-rated-${rating}` }, [
      thumbIcon(rating),
      ` ${texts.feedbackThanks}`,
    ]);
  const rate = (rating: Rating, comment?: string) => {
    options.onChange(rating);
    group.classList.remove("rc-feedback-commenting");
    group.replaceChildren(thanks(rating));
    options.announce(texts.feedbackThanks);
    void options.send(rating, comment?.trim() || undefined).then((stored) => {
      if (stored) return;
      // Not kept by the server: say so, and let the reader try again later.
      options.onChange(undefined);
      group.replaceChildren(createElement("p", { className: "rc-feedback-failed", text: texts.feedbackFailed }));
      options.announce(texts.feedbackFailed);
    });
  };
  if (options.given) {
    group.append(thanks(options.given));
    return group;
  }
  const up = createButton("", { className: "rc-rate rc-rate-up" }, () => rate("up"));
  up.append(thumbIcon("up"), createElement("span", { className: "rc-visually-hidden", text: texts.helpful }));
  const down = createButton("", { className: "rc-rate rc-rate-down" }, () => {
    group.replaceChildren(renderCommentForm(texts, (comment) => rate("down", comment)));
    // The comment takes the whole row of the answer's tools.
    group.classList.add("rc-feedback-commenting");
    group.querySelector("textarea")?.focus();
  });
  down.append(thumbIcon("down"), createElement("span", { className: "rc-visually-hidden", text: texts.notHelpful }));
  group.append(up, down);
  return group;
}

function renderCommentForm(texts: UiTexts, submit: (comment?: string) => void): HTMLElement {
  const fieldId = `rc-comment-${Math.random().toString(36).slice(2, 8)}`;
  const field = createElement("textarea", {
    className: "rc-comment",
    attributes: { id: fieldId, rows: "2", maxlength: "1000" },
  });
  const form = createElement("form", { className: "rc-comment-form" }, [
    createElement("label", { text: texts.feedbackCommentLabel, attributes: { for: fieldId } }),
    field,
    createElement("div", { className: "rc-comment-buttons" }, [
      createElement("button", {
        className: "rc-secondary rc-comment-send",
        text: texts.feedbackSend,
        attributes: { type: "submit" },
      }),
      createButton(texts.feedbackSkip, { className: "rc-secondary rc-comment-skip" }, () => submit()),
    ]),
  ]);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit(field.value);
  });
  return form;
}
