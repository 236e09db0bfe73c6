import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findFigures } from "../src/quantity/find-quantities.js";
import { compactText } from "../src/text/normalize.js";
import type { ChatMessage, ChatResponse, SearchResult } from "../src/types.js";
import { answerOf } from "./helpers/answer-of.js";
import { startTestServer, type TestServer } from "./helpers/start-test-server.js";

/**
 * What a reader sees in a conversation, through the real server over the real report: follow-ups,
 * whole lists, multi-part questions, greetings, overviews and refusals.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_CHAT: "100000", RATE_LIMIT_SEARCH: "100000" });
});

afterAll(async () => {
  await server.close();
});

async function chat(messages: ChatMessage[]): Promise<ChatResponse> {
  return answerOf(server.url, { messages });
}

async function search(query: string): Promise<SearchResult[]> {
  const response = await fetch(`${server.url}/api/search?k=10&q=${encodeURIComponent(query)}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: SearchResult[] }).results;
}

const user = (content: string): ChatMessage => ({ role: "user", content });
const assistant = (content: string): ChatMessage => ({ role: "assistant", content });

/** An earlier turn about one outcome's spending, and the assistant's reply to it. */
const SPENDING_TURN = [user("成果目标 4 的总支出是多少？"), assistant("成果目标 4 的总支出为 1.018 亿美元。")];

describe("follow-ups", () => {
  it("answers a complete question after an unrelated turn as if it were asked alone", async () => {
    for (const question of ["全球失业率是多少？", "What was the global unemployment rate?"]) {
      const alone = await chat([user(question)]);
      const after = await chat([...SPENDING_TURN, user(question)]);
      expect(after.resolvedQuery).toBe(question);
      expect(after.answer).toBe(alone.answer);
      expect(after.answer).not.toMatch(/成果目标\s*4/u);
    }
  });

  it("does not carry an earlier topic into a question the report does not answer", async () => {
    const question = "2031年的预算是多少？";
    const response = await chat([...SPENDING_TURN, user(question)]);
    expect(response.resolvedQuery).toBe(question);
    expect(response.found).toBe(false);
    expect(response.citations).toEqual([]);
  });

  it("does not rewrite a long nonsense message", async () => {
    const noise = "x".repeat(400);
    const response = await chat([...SPENDING_TURN, user(noise)]);
    expect(response.resolvedQuery).toBe(noise);
    expect(response.found).toBe(false);
  });

  it("reads an elliptical question with the earlier one and shows how it understood it", async () => {
    for (const question of ["那成果目标 6 呢？", "成果目标 6 呢"]) {
      const response = await chat([...SPENDING_TURN, user(question)]);
      expect(response.resolvedQuery).toMatch(/成果目标\s*6/u);
      expect(response.resolvedQuery).toContain("总支出");
      expect(response.resolvedQuery).not.toMatch(/成果目标\s*4/u);
      expect(response.found).toBe(true);
      expect(response.citations.length).toBeGreaterThan(0);
      expect(response.citations.every((citation) => /成果目标\s*6/u.test(citation.section))).toBe(true);
    }
  });

  it("answers a follow-up that swaps the outcome exactly as the complete question it stands for", async () => {
    const earlier = [user("成果目标 2 的工作得到了哪些发展伙伴的支持？"), assistant("…")];
    const followUp = await chat([...earlier, user("那成果目标 9 呢？")]);
    expect(followUp.resolvedQuery).toBe("成果目标 9 的工作得到了哪些发展伙伴的支持？");
    const alone = await chat([user(followUp.resolvedQuery ?? "")]);
    expect(followUp.found).toBe(true);
    expect(followUp.answer).toBe(alone.answer);
    expect(followUp.answer).not.toMatch(/outcome 2\b|成果目标\s*2(?!\d)/u);
  });

  it("resolves a pronoun against the earlier question", async () => {
    const response = await chat([
      user("What was the regular budget of outcome 3?"),
      assistant("…"),
      user("And how much did it spend in total?"),
    ]);
    expect(response.resolvedQuery).not.toBe("And how much did it spend in total?");
    expect(response.resolvedQuery).toContain("outcome 3");
  });
});

describe("lists", () => {
  it("keeps every item of the enumeration the answer rests on", async () => {
    const response = await chat([user("劳工组织出版了哪几份关于性别平等的关键报告？")]);
    expect(response.found).toBe(true);
    const cited = response.citations.map((citation) => citation.text).join("\n");
    const announcement = cited.indexOf("建议：");
    expect(announcement).toBeGreaterThan(0);
    const items = cited
      .slice(announcement)
      .split("\n")
      .filter((line) => line.trim().startsWith("•"))
      .map((line) => /《[^》]+》/u.exec(line)?.[0])
      .filter((title): title is string => title !== undefined);
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(response.answer).toContain(item);
  });

  it("follows a list announced at the end of a passage into the passage after it", async () => {
    const response = await chat([user("百年庆典期间提高外界对劳工组织作用认识的全球性举措包括哪些？")]);
    expect(response.found).toBe(true);
    expect(response.answer).toMatch(/包括：\[1\]/u);
    const following = response.citations.find((citation) => citation.id === 2);
    expect(following?.section).toBe(response.citations[0].section);
    const items = (following?.text ?? "").split("\n").filter((line) => line.trim().startsWith("•"));
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) expect(response.answer).toContain(`${item.trim()}[2]`);
  });

  it("lists a family of numbered sections by their headings, each cited", async () => {
    const response = await chat([user("列出十项政策成果目标")]);
    expect(response.found).toBe(true);
    for (let number = 1; number <= 10; number += 1)
      expect(compactText(response.answer)).toContain(compactText(`成果目标${number}：`));
    expect(response.citations.length).toBe(10);
    for (const citation of response.citations) expect(citation.section).toMatch(/成果目标 \d+：/u);
  });
});

describe("multi-part questions", () => {
  it("answers each part with a sentence and the citation that holds it", async () => {
    const response = await chat([user("评估咨询委员会举行了几次讨论？都灵中心参与者的满意度平均打分是多少？")]);
    expect(response.found).toBe(true);
    expect(response.answer).toContain("九次讨论");
    expect(response.answer).toContain("4.49");
    expect(response.citations.length).toBeGreaterThanOrEqual(2);
    const markers = [...response.answer.matchAll(/\[(\d+)\]/gu)].map((match) => Number(match[1]));
    expect(markers.length).toBeGreaterThanOrEqual(2);
    for (const marker of markers) expect(response.citations.map((citation) => citation.id)).toContain(marker);
  });
});

describe("greetings and overviews", () => {
  it("answers a greeting with a short help reply whose examples come from the report's headings", async () => {
    const [hello, english] = await Promise.all([chat([user("你好")]), chat([user("What can you do?")])]);
    const headings = new Set((await search("报告 成果 目标 预算")).flatMap((result) => result.section.split(" > ")));
    for (const response of [hello, english]) {
      expect(response.found).toBe(true);
      expect(response.answer).not.toContain("没有找到");
      expect(response.answer.length).toBeLessThan(400);
    }
    expect(english.answer).toMatch(/^I answer questions about this report/u);
    const examples = [...hello.answer.matchAll(/报告里关于(.+?)说了什么/gu)].map((match) => match[1]);
    expect(examples.length).toBe(3);
    const allSections = await Promise.all(examples.map((example) => search(example)));
    examples.forEach((example, position) => {
      const sections = allSections[position].flatMap((result) => result.section.split(" > "));
      expect(sections.some((heading) => heading.includes(example))).toBe(true);
    });
    expect(headings.size).toBeGreaterThan(0);
  });

  it("sums up the report from its own introduction and outline", async () => {
    for (const question of ["总结一下这份报告", "What is this report about?"]) {
      const response = await chat([user(question)]);
      expect(response.found).toBe(true);
      expect(response.citations.length).toBeGreaterThan(0);
      expect(response.citations[0].section).toBe("导言");
      const opening = response.answer.replace(/^The report, in Chinese: /u, "").split("[1]")[0];
      expect(compactText(response.citations[0].text)).toContain(compactText(opening));
      for (const part of ["第一部分", "第二部分", "第三部分"]) expect(response.answer).toContain(part);
    }
  });

  it("says what a figure shows with the caption the report prints, citing the passage that holds it", async () => {
    for (const question of ["图 3 讲的是什么？", "What does Figure 3 show?"]) {
      const response = await chat([user(question)]);
      expect(response.found).toBe(true);
      const caption = response.citations[0].text.split("\n").find((line) => /^图\s*3\./u.test(line));
      expect(caption).toBeDefined();
      expect(response.answer).toContain(caption?.trim());
    }
  });

  it("sums up the part of the report a question names", async () => {
    const response = await chat([user("第二部分讲了什么？")]);
    expect(response.found).toBe(true);
    expect(response.citations[0].section.startsWith("第二部分")).toBe(true);
    expect(response.answer).toContain("按政策成果目标分列的成果");
  });
});

describe("refusals", () => {
  it("declines a question about a period the report does not cover, and answers the one it does", async () => {
    const covered = await chat([user("2018-2019 两年期成果目标 5 的总支出是多少？")]);
    expect(covered.found).toBe(true);
    expect(covered.answer).toMatch(/4,560\s*万美元|45\.6/u);
    const uncovered = await chat([user("2030 年全球的失业人口是多少？")]);
    expect(uncovered.found).toBe(false);
    expect(uncovered.citations).toEqual([]);
    expect(uncovered.answer).not.toMatch(/\d/u);
    // It names what the report covers by the report's own main headings.
    const overview = await chat([user("总结一下这份报告")]);
    const topics = /本报告涵盖：(.+?)。/u.exec(uncovered.answer)?.[1].split("；") ?? [];
    expect(topics.length).toBeGreaterThan(0);
    const outline = compactText(overview.answer).replace(/[\d\-–]/gu, "");
    for (const topic of topics) expect(outline).toContain(compactText(topic));
  });
});

describe("the kind of answer asked for", () => {
  it("answers a why question with the report's sentence that gives the cause, not with figures", async () => {
    const response = await chat([user("为什么成果目标 9 的预算外支出高于估算？")]);
    expect(response.found).toBe(true);
    expect(response.table).toBeUndefined();
    const cause = /[^。]*(源于|由于|因为|归因于|归结于)[^。]*。/u.exec(response.answer)?.[0];
    expect(cause).toBeDefined();
    expect(response.citations.some((citation) => compactText(citation.text).includes(compactText(cause ?? "")))).toBe(
      true,
    );
  });
});

describe("English questions over the Chinese report", () => {
  it("gives the amount asked for in English first, then the report's sentence that states it", async () => {
    const response = await chat([
      user("How much money went to centrally managed staff and leadership development activities?"),
    ]);
    expect(response.found).toBe(true);
    const lead = /^(?:about |over )?US\$(\d+(?:\.\d+)?) million.*?\[(\d+)\]\. The report, in Chinese: /u.exec(
      response.answer,
    );
    expect(lead).not.toBeNull();
    const [, millions, marker] = lead ?? [];
    const cited = response.citations.find((citation) => citation.id === Number(marker));
    // The figure in English is the one the cited passage states in Chinese (660 万 = 6.6 million).
    const stated = findFigures(cited?.text ?? "").map((quantity) => quantity.value);
    expect(stated).toContain(Number(millions) * 1e6);
    expect(response.answer).toMatch(/“[^”]*\p{Script=Han}[^”]*”\[\d+\]/u);
  });
});
