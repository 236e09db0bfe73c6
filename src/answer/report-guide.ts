import type { Language } from "../text/language.js";
import { compactText, splitSentences } from "../text/normalize.js";
import { contentWords } from "../text/segmenter.js";
import type { Chunk, Citation } from "../types.js";
import { citationOf } from "./citation.js";
import type { ExtractiveAnswer } from "./extractive-answerer.js";
import { figuresOfSentences } from "./figures.js";
import { childrenOf, numberedLabel, type OutlineEntry, outlineOf, summarySections } from "./report-outline.js";

/** A greeting, a thank-you or a question about the assistant itself. */
const GREETING =
  /^\s*(你好|您好|嗨|哈喽|hello|hi|hey|good (morning|afternoon|evening)|谢谢|多谢|thanks|thank you)[\s!！。,.，~～]*$/iu;
const ABOUT_ASSISTANT =
  /你(能|可以|会)(做|干|回答)?(什么|啥|哪些)|你是(谁|什么)|怎么用|如何使用|what can you do|who are you|how do i use|^\s*help\s*[?？]?\s*$/iu;
/** A request to sum up the report or one of its parts. */
const OVERVIEW = new RegExp(
  [
    "总结|概括|概述|摘要|主要内容|大致内容",
    "|(讲|说|写|谈)(了|的)?(是)?(些)?(什么|啥)|关于什么",
    "|是(一份)?什么(样的)?报告|介绍一下|summar|overview",
    "|main (points|topics|findings|themes)",
    "|what (is|was) (this|the) (report|document)('s)? about",
    "|what does (this|the) (report|document) (cover|say|contain)",
    "|what('s| is) in (this|the) report",
  ].join(""),
  "iu",
);
/** Words an overview question uses for the report itself, which name no topic. */
const REPORT_WORDS = new RegExp(
  [
    "^(报告|这份|这个|本|文件|文档|一下|总结|概括|概述|摘要",
    "|主要|内容|大致|讲|说|写|谈|介绍|什么|啥|report|document|summary",
    "|summarize|summarise|overview|main|points|topics|about|cover|say|contain|give",
    "|please|me|can|you|of)$",
  ].join(""),
  "iu",
);
/** A question about what a figure or table is: "图 8 讲的是啥", "What does Figure 4 show?". */
const WHAT_FIGURE_SHOWS = new RegExp(
  [
    String.raw`(?:(图|表)\s*([0-9]+|[IVX]+(?:\.\d+)?)\s*(?:里|中)?\s*(?:讲|画|说|显示`,
    "|展示|是)(?:的|了)?(?:是)?(?:什么|啥))|(?:what (?:does|do|is) (?:figure",
    String.raw`|table) ([0-9]+|[IVX]+(?:\.\d+)?) (?:show|about|depict|present))`,
  ].join(""),
  "iu",
);
/** A request for a list. */
const LIST_REQUEST = /列出|列举|哪些|有哪几|都有什么|分别是什么|\blist\b|what are the|which are the|name the/iu;

const EXAMPLE_COUNT = 3;
/** A question about the assistant itself is short; a longer one that says "你能…" asks about the report. */
const SHORT_QUESTION = 24;
/** Words a request for a list of headings uses besides the headings' own words. */
const LIST_WORDS =
  /^(列出|列举|哪些|哪几|几|都|有|分别|是|什么|list|what|which|are|the|all|name|of|[一二三四五六七八九十百\d]+[项个]?|项|个)$/iu;
/** At most this many headings in an overview or a list of sections. */
const MAXIMUM_HEADINGS = 12;

/** A heading without its number and punctuation, the way a reader names it. */
function titleOf(heading: string): string {
  return heading
    .replace(/^[^：:]*[：:]\s*/u, (label) => (label.length <= 12 ? "" : label))
    .replace(/^第.{1,3}部分[.．、\s]*/u, "")
    .trim();
}

function compactLower(text: string): string {
  return compactText(text).toLowerCase();
}

/** Answers what the report's structure answers: greetings, what the assistant does, overviews, lists of sections. */
export class ReportGuide {
  private readonly outline: OutlineEntry[];
  /** The label of each outline heading that is numbered ("成果目标 5"), in outline order. */
  private readonly labels: Array<ReturnType<typeof numberedLabel>>;

  constructor(private readonly chunks: Chunk[]) {
    this.outline = outlineOf(chunks);
    this.labels = this.outline.map((entry) => numberedLabel(entry.heading));
  }

  /** A reply when the question is one the report's structure answers; undefined otherwise. */
  reply(question: string, language: Language): ExtractiveAnswer | undefined {
    const short = question.trim().length <= SHORT_QUESTION;
    if (GREETING.test(question) || (short && ABOUT_ASSISTANT.test(question))) return this.help(language);
    if (LIST_REQUEST.test(question)) {
      const listed = this.numberedSiblings(question);
      if (listed) return this.listHeadings(listed, language);
    }
    const figure = WHAT_FIGURE_SHOWS.exec(question.normalize("NFKC"));
    if (figure)
      return this.caption(figure[1] ?? (/table/iu.test(question) ? "表" : "图"), figure[2] ?? figure[3], language);
    if (OVERVIEW.test(question)) return this.overview(question, language);
    return undefined;
  }

  /** A short help reply with example questions taken from the report's own headings. */
  private help(language: Language): ExtractiveAnswer {
    const titles = [
      ...new Set(
        this.outline
          .filter((entry) => entry.level === 2)
          .map((entry) => titleOf(entry.heading).replace(/[？?。.]+$/u, ""))
          .filter((title) => title.length >= 4 && title.length <= 24),
      ),
    ];
    // Spread over the report: one from each third.
    const examples = Array.from(
      { length: Math.min(EXAMPLE_COUNT, titles.length) },
      (_unused, part) => titles[Math.floor(((part + 0.5) * titles.length) / Math.min(EXAMPLE_COUNT, titles.length))],
    );
    const answer =
      language === "en"
        ? `I answer questions about this report, quoting the passages that support each answer and the figures ` +
          `they state. Ask, for ` +
          `example: ${examples.map((title) => `“What does the report say about ${title}?”`).join(" ")} You ` +
          `can also ask for a summary of the report.`
        : `我可以回答关于这份报告的问题，并给出支持答案的原文段落和数字。` +
          `例如可以问：${examples.map((title) => `“报告里关于${title}说了什么？”`).join("")}也` +
          `可以让我总结一下这份报告。`;
    return { answer, found: true, citations: [], figures: [], evidence: 1 };
  }

  /** A figure's or table's caption as the report prints it, with the passage that holds it. */
  private caption(kind: string, number: string, language: Language): ExtractiveAnswer | undefined {
    const label = new RegExp(`^\\s*${kind}\\s*${number.replace(".", "\\.")}(?![0-9]|\\.\\d)`, "u");
    for (const chunk of this.chunks) {
      const line = chunk.text.split("\n").find((text) => label.test(text.normalize("NFKC")));
      if (!line) continue;
      const citation = citationOf(chunk, 1, 1);
      const sentence = { text: line.trim(), citation: 1 };
      const answer =
        language === "en" ? `The report's caption (in Chinese): “${sentence.text}”[1]` : `${sentence.text}[1]`;
      return {
        answer,
        found: true,
        citations: [citation],
        figures: figuresOfSentences([sentence], [citation]),
        evidence: 1,
      };
    }
    return undefined;
  }

  /** The section a question names by its heading's label or title, the deepest that matches. */
  private namedSection(question: string): OutlineEntry | undefined {
    const compact = compactLower(question);
    const named = this.outline.filter((entry) => {
      const label = entry.heading.normalize("NFKC").split(/[.．：:]/u)[0];
      const title = titleOf(entry.heading);
      return (
        (label.length >= 2 && label.length <= 12 && compact.includes(compactLower(label))) ||
        (title.length >= 4 && compact.includes(compactLower(title)))
      );
    });
    return named.sort((left, right) => right.level - left.level)[0];
  }

  /** An overview: the opening of the report's introduction (or of the section named), then its outline. */
  private overview(question: string, language: Language): ExtractiveAnswer | undefined {
    const section = this.namedSection(question);
    if (!section) {
      const topic = contentWords(question).filter((word) => !REPORT_WORDS.test(word));
      if (topic.length > 0) return undefined;
    }
    const leads = section ? [section] : summarySections(this.outline).slice(-1);
    const citations: Citation[] = [];
    const sentences = leads.flatMap((entry) => {
      const chunk = entry.firstChunk;
      const citation = citationOf(chunk, citations.length + 1, 1);
      citations.push(citation);
      const body = splitSentences(chunk.text).filter((sentence) => /[。！？.!?]$/u.test(sentence));
      return body.slice(0, 2).map((text) => ({ text, citation: citation.id }));
    });
    const headings = childrenOf(this.outline, section)
      .slice(0, MAXIMUM_HEADINGS)
      .map((entry) => entry.heading.replace(/[？?。.]+$/u, ""));
    const said = sentences.map((sentence) => `${sentence.text}[${sentence.citation}]`).join("");
    const structure =
      headings.length === 0
        ? ""
        : language === "en"
          ? ` Its sections: ${headings.join("; ")}.`
          : `${section ? "这一部分包括" : "报告包括"}：${headings.join("；")}。`;
    const opening = language === "en" && said.length > 0 ? `The report, in Chinese: ${said}` : said;
    return {
      answer: `${opening}${structure}`.trim(),
      found: true,
      citations,
      figures: figuresOfSentences(sentences, citations),
      evidence: 1,
    };
  }

  /**
   * The numbered headings a list question asks for ("列出…成果目标" → 成果目标 1, 2 …): siblings that
   * share a label noun the question names, under the parent heading that best matches the question.
   */
  private numberedSiblings(question: string): OutlineEntry[] | undefined {
    const compact = compactLower(question);
    const groups = new Map<string, OutlineEntry[]>();
    for (const [position, entry] of this.outline.entries()) {
      const label = this.labels[position];
      if (!label || !compact.includes(compactLower(label.noun))) continue;
      const key = `${entry.path.slice(0, -1).join(" > ")}|${label.noun}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    // A question that names one of them ("成果目标 7") asks about it, not for the list.
    if ([...groups.values()].flat().some((entry) => this.namesInstance(compact, entry))) return undefined;
    const words = contentWords(question).filter((word) => !LIST_WORDS.test(word));
    const scored = [...groups.entries()]
      .filter(([key, entries]) => entries.length >= 3 && words.every((word) => compactLower(key).includes(word)))
      .map(([key, entries]) => ({
        entries,
        score: words.filter((word) => compactLower(key).includes(word)).length,
      }))
      .sort((left, right) => right.score - left.score || right.entries.length - left.entries.length);
    return scored[0]?.entries;
  }

  /** True when the question names this numbered heading by its label and number. */
  private namesInstance(compactQuestion: string, entry: OutlineEntry): boolean {
    const label = numberedLabel(entry.heading);
    return label !== undefined && compactQuestion.includes(compactLower(`${label.noun}${label.number}`));
  }

  /** The headings themselves, each citing the first passage under it. */
  private listHeadings(entries: OutlineEntry[], language: Language): ExtractiveAnswer {
    const citations: Citation[] = [];
    const items = entries.map((entry) => {
      const citation = citationOf(entry.firstChunk, citations.length + 1, 1);
      citations.push(citation);
      return `${entry.heading}[${citation.id}]`;
    });
    const answer = language === "en" ? `The report lists: ${items.join("; ")}.` : `${items.join("；")}。`;
    return { answer, found: true, citations, figures: [], evidence: 1 };
  }
}
