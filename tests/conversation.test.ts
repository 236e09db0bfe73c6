import { describe, expect, inject, it } from "vitest";
import { isFollowUp, resolveFollowUp, splitConversation } from "../src/answer/conversation.js";
import { analyzeQuestion } from "../src/answer/question-analysis.js";
import { createTermTranslator } from "../src/profile/term-translator.js";
import { loadIndex } from "../src/retrieval/load-index.js";

describe("follow-up resolution", () => {
  const history = [
    { role: "user" as const, content: "成果目标3的实际支出是多少？" },
    { role: "assistant" as const, content: "……" },
  ];

  it("replaces the outcome a follow-up names and keeps what it asks about", () => {
    const resolved = resolveFollowUp("那成果目标4呢？", history);
    expect(resolved).toContain("成果目标4");
    expect(resolved).toContain("实际支出");
    expect(resolved).not.toMatch(/成果目标\s*3/u);
  });

  it("tells elliptical questions from complete ones", () => {
    for (const elliptical of [
      "那成果目标5呢？",
      "and outcome 5?",
      "What about outcome 5?",
      "它的主要伙伴呢？",
      "谁资助的？",
      "哪年推出的",
      "How much of that came from the regular budget?",
      "比上一个两年期多了多少",
    ])
      expect(isFollowUp(elliptical), elliptical).toBe(true);
    for (const complete of [
      "2021年的预算是多少？",
      "成果目标6的总支出是多少？",
      "What was the total budget for 2018-19?",
      "全球失业率是多少？",
      "x".repeat(400),
      "其他资金来源有哪些？",
      "比利时给了多少捐款？",
    ])
      expect(isFollowUp(complete), complete).toBe(false);
  });

  it("lets a complete question stand alone after an unrelated turn", () => {
    expect(resolveFollowUp("2021年的预算是多少？", history)).toBe("2021年的预算是多少？");
  });

  it("reads a follow-up that asks something new together with the earlier question", () => {
    const resolved = resolveFollowUp("谁资助的？", history);
    expect(resolved).toContain("成果目标3的实际支出");
    expect(resolved).toContain("谁资助的");
  });

  it("leaves a question without history alone", () => {
    expect(resolveFollowUp("经常预算的交付率是多少？", [])).toBe("经常预算的交付率是多少？");
  });

  it("takes a question after a greeting as the question", () => {
    expect(splitConversation([{ role: "user", content: "你好，成果目标4的总支出是多少？" }]).question).toBe(
      "成果目标4的总支出是多少？",
    );
    expect(splitConversation([{ role: "user", content: "你好" }]).question).toBe("你好");
  });

  it("takes the last user message as the question", () => {
    const { question, history: earlier } = splitConversation([
      ...history,
      { role: "user", content: "那成果目标4呢？" },
    ]);
    expect(question).toBe("那成果目标4呢？");
    expect(earlier).toHaveLength(2);
  });
});

describe("question analysis", () => {
  it("finds the years and identifiers an answer must mention", () => {
    expect(analyzeQuestion("2020年全球失业率是多少？").anchors).toContain("2020");
    const anchors = analyzeQuestion("What share of the ILO's 2018-19 budget came from assessed contributions?").anchors;
    expect(anchors).toEqual(expect.arrayContaining(["2018", "2019"]));
    expect(anchors).not.toContain("19");
    // "18年" is how readers write a year the report names; "延长18年" and "18年来" are spans of years.
    const inReport = (term: string) => term === "2018";
    expect(analyzeQuestion("18年的预算是多少？", inReport).anchors).toContain("2018");
    expect(analyzeQuestion("合同延长18年了吗？", inReport).anchors).not.toContain("2018");
    expect(analyzeQuestion("18年来有什么变化？", inReport).anchors).not.toContain("2018");
    expect(analyzeQuestion("35年的预算是多少？", inReport).anchors).not.toContain("2035");
  });

  it("adds the report's Chinese terms to an English question, from its profile", async () => {
    const { profile } = await loadIndex(inject("indexDir"), { provider: "local" });
    const translate = createTermTranslator(profile.bilingualPairs);
    const analysis = analyzeQuestion("What was the regular budget delivery rate?", () => true, translate);
    expect(analysis.language).toBe("en");
    expect(analysis.retrievalQuery).toContain("经常预算");
    expect(analysis.retrievalQuery).toContain("交付率");
    expect(analysis.wantsNumber).toBe(true);
  });

  it("reads the kind of answer a question asks for", () => {
    expect(analyzeQuestion("What was the average wage in yuan?").wantsMoney).toBe(true);
    expect(analyzeQuestion("What is the city's housing budget?").wantsNumber).toBe(true);
    expect(analyzeQuestion("How fast did exports grow?").wantsNumber).toBe(true);
    expect(analyzeQuestion("What is the strategic plan?").wantsShare).toBe(false);
    expect(analyzeQuestion("哪几个成果目标超过了估计数？").wantsCount).toBe(false);
    expect(analyzeQuestion("哪几个成果目标超过了估计数？").wantsList).toBe(true);
    expect(analyzeQuestion("报告提到了哪三个主要目标？").wantsList).toBe(true);
    expect(analyzeQuestion("哪个地区的成果最多？").wantsPlace).toBe(true);
    expect(analyzeQuestion("为啥预算外支出比预期少？").wantsReason).toBe(true);
    expect(analyzeQuestion("试点城市都有哪些？").listed).toBe("城市");
    expect(analyzeQuestion("哪些国家批准了公约？").listed).toBe("国家");
  });

  it("translates a word whether the report's pair writes it in the singular or the plural", () => {
    const translate = createTermTranslator([
      { en: "social partners", zh: "社会伙伴" },
      { en: "labour inspection", zh: "劳动监察" },
    ]);
    expect(translate("Which social partner signed it?")).toEqual(["社会伙伴"]);
    expect(translate("What did the social partners say?")).toEqual(["社会伙伴"]);
    expect(translate("labour inspections")).toEqual(["劳动监察"]);
    expect(translate("class")).toEqual([]);
  });

  it("tells the periods a question compares against from those it asks about", () => {
    const analysis = analyzeQuestion("2017年底全世界有多少劳务移民？比2016年的估算增长了多少？");
    expect(analysis.anchors).toEqual(expect.arrayContaining(["2017", "2016"]));
    expect(analysis.baselines).toEqual(["2016"]);
    expect(analyzeQuestion("2018-2019 两年期的捐款比 2016-2017 两年期变化多少？").baselines).toEqual(["2016", "2017"]);
  });

  it("knows when a number is asked for", () => {
    expect(analyzeQuestion("两年期内有几个成员国批准了第182号公约？").wantsNumber).toBe(true);
    expect(analyzeQuestion("How many countries ratified it?").wantsNumber).toBe(true);
  });
});
