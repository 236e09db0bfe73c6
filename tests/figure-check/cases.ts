import type { FigureStatus } from "../../src/types.js";

/** What a case tries: each kind of right and wrong number a model writes. */
export type CaseClass =
  | "right-form"
  | "wrong-value"
  | "wrong-unit"
  | "wrong-referent"
  | "identifier"
  | "derived"
  | "non-ascii"
  | "mis-cited";

/** Finds the passage the model was given that holds `fragment` (spaces ignored) and returns its marker `[n]`. */
export type Cite = (fragment: string) => string;

/** A model answer written by hand, with the status each of its figures deserves, in order. */
export interface FigureCase {
  name: string;
  class: CaseClass;
  question: string;
  answer: (cite: Cite) => string;
  expected: FigureStatus[];
}

/** Passages of the report the cases cite, by a fragment of their text. */
const OUTCOME_3_TABLE = "成果目标3预算和支出资金来源表";
const OUTCOME_5_TABLE = "成果目标5预算和支出资金来源表";
const OUTCOME_3_PROSE = "在成果目标3项下的总支出为5,720万美元";
const BUDGET = "预算总额为12.705亿美元";
const RESULTS = "实现了844";
const RATIFICATIONS = "有11个成员国批准了1976年";
const PENSIONS = "覆盖60多万人";
const AGREEMENTS = "14.6万名工人受惠";
const COVERAGE = "提高了约4个百分点";
const VIEWS = "视频浏览量增加了61%";
const ASSESSED = "会费摊款数额(2018-2019年为7.841亿美元)";
const RBTC = "经常预算中有3,850万美元用于技术合作";
const STRATEGIES = "21个成员国制定了新的社会保护战略";
const LABOUR_MARKET = "约有1.88亿失业人口";
const NEWSROOM = "新闻编辑室2018年的浏览量超过110万次";
const OUTCOME_1_TABLE = "成果目标1预算和支出资金来源表";
const OUTCOME_2_TABLE = "成果目标2预算和支出资金来源表";

const Q_OUTCOME_3 = "成果目标 3 和成果目标 5 资金来源表";
const Q_OUTCOME_3_PROSE = "成果目标 3 主要发展伙伴 德国 爱尔兰 大韩民国";
const Q_BUDGET = "劳工组织 2018-2019 两年期预算总额和实际支出总额是多少，分摊会费和自愿捐款各占多少？";
const Q_RESULTS = "两年期内劳工组织帮助多少个国家和地区实现了多少项体面劳动成果，实现率多少？";
const Q_RATIFICATIONS = "两年期内有多少个成员国批准了三方协商公约和最恶劣形式的童工劳动公约？";
const Q_PENSIONS = "马拉维新的全民社会养老金计划覆盖多少人，其中妇女占多少？多少个成员国制定了新的社会保护战略？";
const Q_AGREEMENTS = "企业集体协议令多少名工人受惠？2018 年共订立了多少项协议，改善了多少工人的生活和工作条件？";
const Q_COVERAGE = "2015 年至 2019 年期间全球社保覆盖率提高了多少？劳动贫困人口比例如何变化？";
const Q_VIEWS = "劳工组织视频浏览量和博客浏览量增加了多少？ILO100 网站吸引了多少访客？";

const Q_ASSESSED = "劳工大会确定的会费摊款数额是多少？";
const Q_RBTC = "经常预算中有多少用于技术合作，哪个成果目标获得最大份额？";
const Q_STRATEGIES = "多少个成员国制定了新的社会保护战略和政策，多少个报告了治理方面的进展？";
const Q_LABOUR_MARKET = "约有 1.88 亿失业人口 青年男女失业 五分之一的年轻人";
const Q_NEWSROOM = "劳工组织新闻编辑室的浏览量和新闻报道数量是多少？";
const Q_OUTCOMES_1_2 = "成果目标 1 和成果目标 2 资金来源表";

const V = "verified" as const;
const D = "derived" as const;
const E = "cited-elsewhere" as const;
const U = "unverified" as const;

export const FIGURE_CASES: FigureCase[] = [
  // Right numbers, in the forms a model writes them.
  {
    name: "table cell as written, with the table's unit",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 57.2 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "table cell in 万美元, as the report writes it elsewhere",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 5,720 万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "table cell in 亿美元 with a leading zero",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计约为 0.572 亿美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "table cell in English, US$ … million",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3 spent a total of US$57.2 million${c(OUTCOME_3_TABLE)}.`,
    expected: [V],
  },
  {
    name: "table cell in English, USD without a space and m",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `Total actual expenditure under Outcome 3 was USD57.2m${c(OUTCOME_3_TABLE)}.`,
    expected: [V],
  },
  {
    name: "table cell rounded within the precision written",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计约 57 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "two cells of one row",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 经常预算的战略预算为 39.2 百万美元，实际支出为 37.4 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V, V],
  },
  {
    name: "cell of the extra-budgetary row",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的预算外发展合作实际支出为 17.5 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "strategic budget total in English",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3 had a total strategic budget of US$ 62.9 million${c(OUTCOME_3_TABLE)}.`,
    expected: [V],
  },
  {
    name: "prose money and share, as written",
    class: "right-form",
    question: Q_OUTCOME_3_PROSE,
    answer: (c) => `在成果目标 3 项下，总支出为 5,720 万美元，其中 65% 来自经常预算${c(OUTCOME_3_PROSE)}。`,
    expected: [V, V],
  },
  {
    name: "prose money in 百万美元",
    class: "right-form",
    question: Q_OUTCOME_3_PROSE,
    answer: (c) => `成果目标 3 项下的总支出为 57.2 百万美元${c(OUTCOME_3_PROSE)}。`,
    expected: [V],
  },
  {
    name: "prose share in per cent",
    class: "right-form",
    question: Q_OUTCOME_3_PROSE,
    answer: (c) => `Of the spending under Outcome 3, 65 per cent came from the regular budget${c(OUTCOME_3_PROSE)}.`,
    expected: [V],
  },
  {
    name: "budget in 亿美元 as written",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `劳工组织 2018-2019 两年期预算总额为 12.705 亿美元${c(BUDGET)}。`,
    expected: [V],
  },
  {
    name: "budget in US$ million",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `The ILO's budget for 2018-19 totalled US$1,270.5 million${c(BUDGET)}.`,
    expected: [V],
  },
  {
    name: "budget in US$ billion",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `The total budget for the biennium was US$1.2705 billion${c(BUDGET)}.`,
    expected: [V],
  },
  {
    name: "budget rounded to 12.7 亿美元",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额约为 12.7 亿美元${c(BUDGET)}。`,
    expected: [V],
  },
  {
    name: "budget shares",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `预算总额中 62% 为分摊会费，38% 为自愿捐款估计数${c(BUDGET)}。`,
    expected: [V, V],
  },
  {
    name: "actual expenditure in 百万美元",
    class: "right-form",
    question: Q_BUDGET,
    answer: (c) => `两年期实际支出总额为 1,277.7 百万美元${c(BUDGET)}。`,
    expected: [V],
  },
  {
    name: "results count with its classifier",
    class: "right-form",
    question: Q_RESULTS,
    answer: (c) => `两年期内，劳工组织帮助 135 个国家和地区实现了 844 项体面劳动成果${c(RESULTS)}。`,
    expected: [V, V],
  },
  {
    name: "target and rate",
    class: "right-form",
    question: Q_RESULTS,
    answer: (c) => `计划和预算设定了 850 个目标，实现率达到 99.3%${c(RESULTS)}。`,
    expected: [V, V],
  },
  {
    name: "results in English",
    class: "right-form",
    question: Q_RESULTS,
    answer: (c) => `The ILO helped 135 countries and territories achieve 844 decent work results${c(RESULTS)}.`,
    expected: [V, V],
  },
  {
    name: "ratifications count",
    class: "right-form",
    question: Q_RATIFICATIONS,
    answer: (c) => `两年期内有 11 个成员国批准了《三方协商公约》(第 144 号)${c(RATIFICATIONS)}。`,
    expected: [V],
  },
  {
    name: "ratifications in English",
    class: "right-form",
    question: Q_RATIFICATIONS,
    answer: (c) => `During the biennium, 11 member States ratified Convention No. 144${c(RATIFICATIONS)}.`,
    expected: [V],
  },
  {
    name: "an estimate with 多 and 万",
    class: "right-form",
    question: Q_PENSIONS,
    answer: (c) => `马拉维新的全民社会养老金计划覆盖 60 多万人，其中 60% 是妇女${c(PENSIONS)}。`,
    expected: [V, V],
  },
  {
    name: "people in 万名",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) => `企业集体协议令 14.6 万名工人受惠${c(AGREEMENTS)}。`,
    expected: [V],
  },
  {
    name: "people written out in full",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) => `企业集体协议令 146,000 名工人受惠${c(AGREEMENTS)}。`,
    expected: [V],
  },
  {
    name: "people in English thousands",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) => `Collective agreements benefited 146 thousand workers${c(AGREEMENTS)}.`,
    expected: [V],
  },
  {
    name: "agreements and an approximate count",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) => `2018 年共订立了 58 项协议，改善了大约 4 万名工人的生活和工作条件${c(AGREEMENTS)}。`,
    expected: [V, V],
  },
  {
    name: "percentage points",
    class: "right-form",
    question: Q_COVERAGE,
    answer: (c) => `2015 年至 2019 年期间，全球社保覆盖率提高了约 4 个百分点${c(COVERAGE)}。`,
    expected: [V],
  },
  {
    name: "percentage points in English",
    class: "right-form",
    question: Q_COVERAGE,
    answer: (c) => `Between 2015 and 2019 social protection coverage rose by about 4 percentage points${c(COVERAGE)}.`,
    expected: [V],
  },
  {
    name: "growth in per cent",
    class: "right-form",
    question: Q_VIEWS,
    answer: (c) => `视频浏览量增加了 61%，博客浏览量增加了 24%${c(VIEWS)}。`,
    expected: [V, V],
  },
  {
    name: "a decimal written with a trailing zero",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 预算外发展合作的战略预算为 23.70 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "one citation for a paragraph of two sentences",
    class: "right-form",
    question: Q_RESULTS,
    answer: (c) => `劳工组织实现了 844 项体面劳动成果。实现率达到 99.3%${c(RESULTS)}。`,
    expected: [V, V],
  },

  // Wrong values.
  {
    name: "a table total off by a digit",
    class: "wrong-value",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 52.7 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "a made-up budget",
    class: "wrong-value",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额为 13.6 亿美元${c(BUDGET)}。`,
    expected: [U],
  },
  {
    name: "a rounding beyond the precision written",
    class: "wrong-value",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额为 12.8 亿美元${c(BUDGET)}。`,
    expected: [U],
  },
  {
    name: "a wrong count",
    class: "wrong-value",
    question: Q_RATIFICATIONS,
    answer: (c) => `两年期内有 12 个成员国批准了《三方协商公约》${c(RATIFICATIONS)}。`,
    expected: [U],
  },
  {
    name: "a wrong share next to a right one",
    class: "wrong-value",
    question: Q_BUDGET,
    answer: (c) => `预算总额中 62% 为分摊会费，48% 为自愿捐款估计数${c(BUDGET)}。`,
    expected: [V, U],
  },
  {
    name: "a wrong rate",
    class: "wrong-value",
    question: Q_RESULTS,
    answer: (c) => `实现率达到 93.3%${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "a wrong number of people",
    class: "wrong-value",
    question: Q_AGREEMENTS,
    answer: (c) => `企业集体协议令 16.4 万名工人受惠${c(AGREEMENTS)}。`,
    expected: [U],
  },
  {
    name: "a wrong percentage in English",
    class: "wrong-value",
    question: Q_VIEWS,
    answer: (c) => `Video views increased by 16%${c(VIEWS)}.`,
    expected: [U],
  },
  {
    name: "a wrong English amount",
    class: "wrong-value",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3 spent a total of US$75.2 million${c(OUTCOME_3_TABLE)}.`,
    expected: [U],
  },
  {
    name: "a more precise value than the passage",
    class: "wrong-value",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 57.24 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },

  // Right digits, wrong unit or scale.
  {
    name: "亿美元 for 百万美元",
    class: "wrong-unit",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 57.2 亿美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "US$ billion for million",
    class: "wrong-unit",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3 spent a total of US$57.2 billion${c(OUTCOME_3_TABLE)}.`,
    expected: [U],
  },
  {
    name: "百万美元 for 亿美元",
    class: "wrong-unit",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额为 12.705 百万美元${c(BUDGET)}。`,
    expected: [U],
  },
  {
    name: "万美元 for 百万美元",
    class: "wrong-unit",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 57.2 万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "per cent for percentage points",
    class: "wrong-unit",
    question: Q_COVERAGE,
    answer: (c) => `2015 年至 2019 年期间，全球社保覆盖率提高了约 4%${c(COVERAGE)}。`,
    expected: [U],
  },
  {
    name: "元 for 美元",
    class: "wrong-unit",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额为 12.705 亿元${c(BUDGET)}。`,
    expected: [U],
  },
  {
    name: "countries for results",
    class: "wrong-unit",
    question: Q_RESULTS,
    answer: (c) => `劳工组织帮助 844 个国家取得了进展${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "million for thousand, in English",
    class: "wrong-unit",
    question: Q_AGREEMENTS,
    answer: (c) => `Collective agreements benefited 14.6 million workers${c(AGREEMENTS)}.`,
    expected: [U],
  },

  // Right value, said of the wrong thing.
  {
    name: "another row's value",
    class: "wrong-referent",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 经常预算的实际支出为 57.2 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "the strategic budget stated as the actual spending",
    class: "wrong-referent",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 经常预算的实际支出为 39.2 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "outcome 3's figure stated for outcome 5",
    class: "wrong-referent",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 5 的实际支出合计为 57.2 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "outcome 3's figure stated for Outcome 5, in English",
    class: "wrong-referent",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 5 spent a total of US$57.2 million${c(OUTCOME_3_TABLE)}.`,
    expected: [U],
  },
  {
    name: "the target stated as the result",
    class: "wrong-referent",
    question: Q_RESULTS,
    answer: (c) => `两年期内，劳工组织实现了 850 项体面劳动成果${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "results said to be countries",
    class: "wrong-referent",
    question: Q_RESULTS,
    answer: (c) => `劳工组织帮助 844 个国家和地区实现了体面劳动成果${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "the digits of a year as a count",
    class: "wrong-referent",
    question: Q_RATIFICATIONS,
    answer: (c) => `两年期内有 1999 个成员国批准了公约${c(RATIFICATIONS)}。`,
    expected: [U],
  },
  {
    name: "the regular budget's share said of voluntary contributions",
    class: "wrong-referent",
    question: Q_BUDGET,
    answer: (c) => `预算总额中 62% 为自愿捐款估计数${c(BUDGET)}。`,
    expected: [U],
  },

  // Identifiers, dates and markers are not figures.
  {
    name: "a period, a day and an outcome number",
    class: "identifier",
    question: Q_OUTCOME_3_PROSE,
    answer: (c) =>
      `截至 2019 年 12 月 31 日，在 2018-19 两年期内，成果目标 3 项下的总支出为 5,720 ` +
      `万美元${c(OUTCOME_3_PROSE)}。`,
    expected: [V],
  },
  {
    name: "Outcome 7 and 第 7 项 beside a figure",
    class: "identifier",
    question: Q_RESULTS,
    answer: (c) => `第 7 项指出，Outcome 7 等 10 项政策成果目标共实现了 844 项体面劳动成果${c(RESULTS)}。`,
    expected: [V, V],
  },
  {
    name: "a list marker and a full-width marker",
    class: "identifier",
    question: Q_RESULTS,
    answer: (c) => `劳工组织实现了 844 项体面劳动成果${c(RESULTS).replace(/\[(\d+)\]/u, "【$1】")}。`,
    expected: [V],
  },
  {
    name: "a convention number and a year",
    class: "identifier",
    question: Q_RATIFICATIONS,
    answer: (c) => `1976 年《(国际劳工标准)三方协商公约》(第 144 号)在两年期内获 11 个成员国批准${c(RATIFICATIONS)}。`,
    expected: [V],
  },
  {
    name: "months in a range do not vouch for a count",
    class: "identifier",
    question: Q_RATIFICATIONS,
    answer: (c) => `2019 年 1 月至 12 月有 12 个成员国批准了《三方协商公约》${c(RATIFICATIONS)}。`,
    expected: [U],
  },

  // Derived numbers.
  {
    name: "a right difference of two cells",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计比战略预算少 5.7 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [D],
  },
  {
    name: "a right difference with its operands",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) =>
      `成果目标 3 战略预算合计 62.9 百万美元，实际支出合计 57.2 百万美元，相差 ` +
      `5.7 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V, V, D],
  },
  {
    name: "a right sum",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 经常预算与预算外发展合作的实际支出合计 54.9 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [D],
  },
  {
    name: "a right share",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出中，经常预算占 65.4%${c(OUTCOME_3_TABLE)}。`,
    expected: [D],
  },
  {
    name: "a right difference in English",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3 spent US$5.7 million less than its strategic budget${c(OUTCOME_3_TABLE)}.`,
    expected: [D],
  },
  {
    name: "a right difference of counts",
    class: "derived",
    question: Q_RESULTS,
    answer: (c) => `实际成果比目标少了 6 项${c(RESULTS)}。`,
    expected: [D],
  },
  {
    name: "a wrong difference whose value is another cell",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的战略预算与实际支出相差 37.4 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "a wrong difference",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计比战略预算少 6.7 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "a wrong sum",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 经常预算与预算外发展合作的实际支出合计 59.4 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },
  {
    name: "a wrong share",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出中，经常预算占 75%${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },

  // Numbers not written in ASCII digits.
  {
    name: "full-width digits",
    class: "non-ascii",
    question: Q_RESULTS,
    answer: (c) => `劳工组织实现了 ８４４ 项体面劳动成果${c(RESULTS)}。`,
    expected: [V],
  },
  {
    name: "Chinese numerals",
    class: "non-ascii",
    question: Q_RESULTS,
    answer: (c) => `劳工组织实现了八百四十四项体面劳动成果${c(RESULTS)}。`,
    expected: [V],
  },
  {
    name: "wrong Chinese numerals",
    class: "non-ascii",
    question: Q_RESULTS,
    answer: (c) => `劳工组织实现了八百四十八项体面劳动成果${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "百分之 with a Chinese decimal",
    class: "non-ascii",
    question: Q_RESULTS,
    answer: (c) => `实现率达到百分之九十九点三${c(RESULTS)}。`,
    expected: [V],
  },
  {
    name: "wrong 百分之",
    class: "non-ascii",
    question: Q_RESULTS,
    answer: (c) => `实现率达到百分之九十八点一${c(RESULTS)}。`,
    expected: [U],
  },
  {
    name: "Chinese numerals with a classifier",
    class: "non-ascii",
    question: Q_RATIFICATIONS,
    answer: (c) => `两年期内有十一个成员国批准了《三方协商公约》${c(RATIFICATIONS)}。`,
    expected: [V],
  },
  {
    name: "full-width percent sign",
    class: "non-ascii",
    question: Q_VIEWS,
    answer: (c) => `视频浏览量增加了６１％${c(VIEWS)}。`,
    expected: [V],
  },
  {
    name: "full-width wrong amount",
    class: "non-ascii",
    question: Q_BUDGET,
    answer: (c) => `两年期预算总额为１３．７０５亿美元${c(BUDGET)}。`,
    expected: [U],
  },

  // Cited from the wrong passage, or from none.
  {
    name: "a figure of another passage",
    class: "mis-cited",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 5 的实际支出合计为 45.6 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [E],
  },
  {
    name: "a marker naming no passage",
    class: "mis-cited",
    question: Q_RESULTS,
    answer: () => "劳工组织实现了 844 项体面劳动成果 [9]。",
    expected: [E],
  },
  {
    name: "a marker naming no passage, and a number nowhere",
    class: "mis-cited",
    question: Q_RESULTS,
    answer: () => "劳工组织实现了 848 项体面劳动成果 [9]。",
    expected: [U],
  },
  {
    name: "no marker at all",
    class: "mis-cited",
    question: Q_RESULTS,
    answer: () => "劳工组织实现了 844 项体面劳动成果。",
    expected: [E],
  },
  {
    name: "the right passage cited for one figure and the wrong one for the next",
    class: "mis-cited",
    question: Q_OUTCOME_3,
    answer: (c) =>
      `成果目标 3 的实际支出合计为 57.2 百万美元${c(OUTCOME_3_TABLE)}。成果目标 5 ` +
      `的实际支出合计为 45.6 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [V, E],
  },
  {
    name: "a right figure cited to the right passage among several markers",
    class: "mis-cited",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 5 的实际支出合计为 45.6 百万美元${c(OUTCOME_3_TABLE)}${c(OUTCOME_5_TABLE)}。`,
    expected: [V],
  },

  // A second set, written after the check was built, over other passages.
  {
    name: "assessed contributions as written",
    class: "right-form",
    question: Q_ASSESSED,
    answer: (c) => `2018-2019 年的会费摊款数额为 7.841 亿美元${c(ASSESSED)}。`,
    expected: [V],
  },
  {
    name: "assessed contributions in US$ million",
    class: "right-form",
    question: Q_ASSESSED,
    answer: (c) => `Assessed contributions for 2018-2019 amounted to US$784.1 million${c(ASSESSED)}.`,
    expected: [V],
  },
  {
    name: "assessed contributions off by ten",
    class: "wrong-unit",
    question: Q_ASSESSED,
    answer: (c) => `2018-2019 年的会费摊款数额为 78.41 亿美元${c(ASSESSED)}。`,
    expected: [U],
  },
  {
    name: "technical cooperation funds and the largest share",
    class: "right-form",
    question: Q_RBTC,
    answer: (c) => `经常预算中有 3,850 万美元用于技术合作，成果目标 10 获得了最大份额(30%)${c(RBTC)}。`,
    expected: [V, V],
  },
  {
    name: "technical cooperation funds in English",
    class: "right-form",
    question: Q_RBTC,
    answer: (c) => `US$38.5 million of the regular budget went to technical cooperation${c(RBTC)}.`,
    expected: [V],
  },
  {
    name: "the largest share given to the wrong outcome's amount",
    class: "wrong-value",
    question: Q_RBTC,
    answer: (c) => `成果目标 10 获得了经常预算技术合作的最大份额(35%)${c(RBTC)}。`,
    expected: [U],
  },
  {
    name: "technical cooperation in 亿美元",
    class: "right-form",
    question: Q_RBTC,
    answer: (c) => `经常预算中约 0.385 亿美元用于技术合作${c(RBTC)}。`,
    expected: [V],
  },
  {
    name: "strategies and governance counts",
    class: "right-form",
    question: Q_STRATEGIES,
    answer: (c) => `21 个成员国制定了新的社会保护战略和政策，27 个成员国报告在治理方面取得了重大进展${c(STRATEGIES)}。`,
    expected: [V, V],
  },
  {
    name: "the two counts swapped",
    class: "wrong-referent",
    question: Q_STRATEGIES,
    answer: (c) => `27 个成员国制定了新的社会保护战略和政策${c(STRATEGIES)}。`,
    expected: [U],
  },
  {
    name: "strategies in Chinese numerals",
    class: "non-ascii",
    question: Q_STRATEGIES,
    answer: (c) => `二十一个成员国制定了新的社会保护战略和政策${c(STRATEGIES)}。`,
    expected: [V],
  },
  {
    name: "unemployment in 亿 and youth rate",
    class: "right-form",
    question: Q_LABOUR_MARKET,
    answer: (c) => `全世界约有 1.88 亿失业人口，2019 年青年失业率为 13.6%${c(LABOUR_MARKET)}。`,
    expected: [V, V],
  },
  {
    name: "unemployment in millions, in English",
    class: "right-form",
    question: Q_LABOUR_MARKET,
    answer: (c) =>
      `Some 188 million people were unemployed, and the youth unemployment rate was 13.6% in 2019${c(LABOUR_MARKET)}.`,
    expected: [V, V],
  },
  {
    name: "unemployed youth in 万",
    class: "right-form",
    question: Q_LABOUR_MARKET,
    answer: (c) => `全世界约有 6,800 万青年男女失业${c(LABOUR_MARKET)}。`,
    expected: [V],
  },
  {
    name: "unemployed youth in 亿 by mistake",
    class: "wrong-unit",
    question: Q_LABOUR_MARKET,
    answer: (c) => `全世界约有 6,800 亿青年男女失业${c(LABOUR_MARKET)}。`,
    expected: [U],
  },
  {
    name: "the youth rate given as the adult one",
    class: "wrong-value",
    question: Q_LABOUR_MARKET,
    answer: (c) => `2019 年青年失业率为 16.3%${c(LABOUR_MARKET)}。`,
    expected: [U],
  },
  {
    name: "newsroom views as an estimate",
    class: "right-form",
    question: Q_NEWSROOM,
    answer: (c) => `劳工组织新闻编辑室 2018 年的浏览量超过 110 万次，2019 年将近 140 万次${c(NEWSROOM)}。`,
    expected: [V, V],
  },
  {
    name: "newsroom views in English",
    class: "right-form",
    question: Q_NEWSROOM,
    answer: (c) =>
      `The ILO newsroom had more than 1.1 million views in 2018 and nearly 1.4 million in 2019${c(NEWSROOM)}.`,
    expected: [V, V],
  },
  {
    name: "press coverage counts",
    class: "right-form",
    question: Q_NEWSROOM,
    answer: (c) => `新闻稿和新闻报道 2018 年共计超过 16 万篇，2019 年共计超过 19 万篇${c(NEWSROOM)}。`,
    expected: [V, V],
  },
  {
    name: "press coverage years swapped",
    class: "wrong-referent",
    question: Q_NEWSROOM,
    answer: (c) => `新闻报道 2019 年共计超过 16 万篇${c(NEWSROOM)}。`,
    expected: [U],
  },
  {
    name: "newsroom views with a wrong scale",
    class: "wrong-unit",
    question: Q_NEWSROOM,
    answer: (c) => `劳工组织新闻编辑室 2018 年的浏览量超过 110 亿次${c(NEWSROOM)}。`,
    expected: [U],
  },
  {
    name: "outcome 1 extra-budgetary spending",
    class: "right-form",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 1 的预算外发展合作实际支出为 154.4 百万美元${c(OUTCOME_1_TABLE)}。`,
    expected: [V],
  },
  {
    name: "outcome 1 overspending, derived",
    class: "derived",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 1 的预算外发展合作实际支出比战略预算多出 23.4 百万美元${c(OUTCOME_1_TABLE)}。`,
    expected: [D],
  },
  {
    name: "outcome 1 total in English",
    class: "right-form",
    question: Q_OUTCOMES_1_2,
    answer: (c) =>
      `Outcome 1 spent US$267.4 million in total against a strategic budget of US$233.2 million${c(OUTCOME_1_TABLE)}.`,
    expected: [V, V],
  },
  {
    name: "outcome 2's total cited to outcome 1's table",
    class: "mis-cited",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 2 的实际支出合计为 87.7 百万美元${c(OUTCOME_1_TABLE)}。`,
    expected: [E],
  },
  {
    name: "outcome 2's total with both tables cited",
    class: "mis-cited",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 2 的实际支出合计为 87.7 百万美元${c(OUTCOME_1_TABLE)}${c(OUTCOME_2_TABLE)}。`,
    expected: [V],
  },
  {
    name: "a ratio of two totals",
    class: "derived",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 1 的实际支出合计约是成果目标 2 的 3.0 倍${c(OUTCOME_1_TABLE)}${c(OUTCOME_2_TABLE)}。`,
    expected: [D],
  },
  {
    name: "a wrong ratio",
    class: "derived",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 1 的实际支出合计约是成果目标 2 的 4.5 倍${c(OUTCOME_1_TABLE)}${c(OUTCOME_2_TABLE)}。`,
    expected: [U],
  },
  {
    name: "outcome 2 regular budget in 万美元",
    class: "right-form",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 2 经常预算的实际支出为 5,920 万美元${c(OUTCOME_2_TABLE)}。`,
    expected: [V],
  },

  {
    name: "a bare amount in 亿 without its currency",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计为 0.572 亿${c(OUTCOME_3_TABLE)}。`,
    expected: [V],
  },
  {
    name: "a whole number for a cell written with a decimal",
    class: "right-form",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 5 的预算外发展合作战略预算为 12 百万美元${c(OUTCOME_5_TABLE)}。`,
    expected: [V],
  },
  {
    name: "a difference said with 低于",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计低于战略预算 5.7 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [D],
  },
  {
    name: "a difference said with below, in English",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `Outcome 3's total spending was US$5.7 million below its strategic budget${c(OUTCOME_3_TABLE)}.`,
    expected: [D],
  },
  {
    name: "a wrong difference said with 低于",
    class: "derived",
    question: Q_OUTCOME_3,
    answer: (c) => `成果目标 3 的实际支出合计低于战略预算 7.5 百万美元${c(OUTCOME_3_TABLE)}。`,
    expected: [U],
  },

  // A third set, written after the second was measured.
  {
    name: "two sentences cited once at the end of the paragraph",
    class: "right-form",
    question: Q_NEWSROOM,
    answer: (c) => `新闻编辑室 2018 年的浏览量超过 110 万次。2019 年将近 140 万次${c(NEWSROOM)}。`,
    expected: [V, V],
  },
  {
    name: "a sum of two years of press coverage",
    class: "derived",
    question: Q_NEWSROOM,
    answer: (c) => `2018 年和 2019 年的新闻稿和新闻报道合计超过 35 万篇${c(NEWSROOM)}。`,
    expected: [D],
  },
  {
    name: "a wrong sum of two years of press coverage",
    class: "derived",
    question: Q_NEWSROOM,
    answer: (c) => `2018 年和 2019 年的新闻稿和新闻报道合计超过 45 万篇${c(NEWSROOM)}。`,
    expected: [U],
  },
  {
    name: "English views with the wrong year",
    class: "wrong-referent",
    question: Q_NEWSROOM,
    answer: (c) => `The ILO newsroom had nearly 1.4 million views in 2018${c(NEWSROOM)}.`,
    expected: [U],
  },
  {
    name: "visitors to the ILO100 site",
    class: "right-form",
    question: Q_VIEWS,
    answer: (c) => `“ILO100”网站在 2019 年吸引了超过 34 万名访客${c(VIEWS)}。`,
    expected: [V],
  },
  {
    name: "visitors in English",
    class: "right-form",
    question: Q_VIEWS,
    answer: (c) => `The ILO100 website attracted more than 340,000 visitors in 2019${c(VIEWS)}.`,
    expected: [V],
  },
  {
    name: "visitors off by a digit",
    class: "wrong-value",
    question: Q_VIEWS,
    answer: (c) => `“ILO100”网站在 2019 年吸引了超过 43 万名访客${c(VIEWS)}。`,
    expected: [U],
  },
  {
    name: "a share from a passage the model was not given",
    class: "mis-cited",
    question: Q_ASSESSED,
    answer: (c) => `会费摊款数额为 7.841 亿美元${c(ASSESSED)}，自愿捐款占 38%${c(ASSESSED)}。`,
    expected: [V, U],
  },
  {
    name: "ratifications of two conventions",
    class: "right-form",
    question: Q_RATIFICATIONS,
    answer: (c) =>
      `两年期内有 5 个成员国批准了《最恶劣形式的童工劳动公约》，11 ` +
      `个成员国批准了《三方协商公约》${c(RATIFICATIONS)}。`,
    expected: [V, V],
  },
  {
    name: "the two ratification counts swapped",
    class: "wrong-referent",
    question: Q_RATIFICATIONS,
    answer: (c) => `两年期内有 11 个成员国批准了 1999 年《最恶劣形式的童工劳动公约》${c(RATIFICATIONS)}。`,
    expected: [U],
  },
  {
    name: "women's share of pension coverage in English",
    class: "right-form",
    question: Q_PENSIONS,
    answer: (c) =>
      `Malawi's new universal social pension covers over 600,000 people, 60 per cent of them women${c(PENSIONS)}.`,
    expected: [V, V],
  },
  {
    name: "women's share given as 70%",
    class: "wrong-value",
    question: Q_PENSIONS,
    answer: (c) => `马拉维新的全民社会养老金计划覆盖的人中 70% 是妇女${c(PENSIONS)}。`,
    expected: [U],
  },
  {
    name: "outcome 1 regular budget strategic and actual, in 万美元",
    class: "right-form",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 1 经常预算的战略预算为 10,220 万美元，实际支出为 10,480 万美元${c(OUTCOME_1_TABLE)}。`,
    expected: [V, V],
  },
  {
    name: "outcome 1 RBSA spending stated for outcome 2",
    class: "wrong-referent",
    question: Q_OUTCOMES_1_2,
    answer: (c) => `成果目标 2 的经常预算补充账户实际支出为 8.2 百万美元${c(OUTCOME_1_TABLE)}${c(OUTCOME_2_TABLE)}。`,
    expected: [U],
  },

  {
    name: "the blog's growth said of videos, in English",
    class: "wrong-referent",
    question: Q_VIEWS,
    answer: (c) => `Video views increased by 24%${c(VIEWS)}.`,
    expected: [U],
  },
  {
    name: "voluntary contributions' share said of assessed ones, in English",
    class: "wrong-referent",
    question: Q_BUDGET,
    answer: (c) => `Assessed contributions (the regular budget) made up 38% of the total budget${c(BUDGET)}.`,
    expected: [U],
  },
  {
    name: "the workers of 58 agreements said of all collective agreements, in English",
    class: "wrong-referent",
    question: Q_AGREEMENTS,
    answer: (c) => `Enterprise collective agreements benefited about 40,000 workers${c(AGREEMENTS)}.`,
    expected: [U],
  },

  {
    name: "blog views in English",
    class: "right-form",
    question: Q_VIEWS,
    answer: (c) => `Blog views rose by 24% between 2018 and 2019${c(VIEWS)}.`,
    expected: [V],
  },
  {
    name: "video views in English",
    class: "right-form",
    question: Q_VIEWS,
    answer: (c) => `Video views grew by 61%${c(VIEWS)}.`,
    expected: [V],
  },
  {
    name: "the video figure said of the blog, in English",
    class: "wrong-referent",
    question: Q_VIEWS,
    answer: (c) => `Blog views rose by 61%${c(VIEWS)}.`,
    expected: [U],
  },
  {
    name: "workers covered by enterprise agreements, in English",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) => `Enterprise collective agreements benefited 146,000 workers${c(AGREEMENTS)}.`,
    expected: [V],
  },
  {
    name: "agreements and workers in 2018, in English",
    class: "right-form",
    question: Q_AGREEMENTS,
    answer: (c) =>
      `In 2018, 58 agreements improved the living and working conditions of about 40,000 workers${c(AGREEMENTS)}.`,
    expected: [V, V],
  },
  {
    name: "technical cooperation and the largest share, in English",
    class: "right-form",
    question: Q_RBTC,
    answer: (c) =>
      `The regular budget spent US$38.5 million on technical cooperation, and Outcome 10 received the largest ` +
      `share, 30%${c(RBTC)}.`,
    expected: [V, V],
  },
];
