/**
 * The questions the bench rotates through: a mix of amounts, counts, facts and English, so that each
 * request is computed afresh rather than repeated.
 */
export const BENCH_QUESTIONS = [
  "两年期的预算总额是多少？",
  "自愿捐款占多大比例？",
  "社会保护方面取得了哪些成果？",
  "青年就业有什么进展？",
  "批准了多少项国际劳工公约？",
  "哪些国家得到了技术援助？",
  "性别平等方面做了什么？",
  "童工问题有什么成果？",
  "劳务移民方面的工作有哪些？",
  "雇主组织得到了什么支持？",
  "非正规经济的正规化进展如何？",
  "职业安全与卫生有哪些成果？",
  "评价发现了哪些经验教训？",
  "南南合作有多少项目？",
  "What did the report say about social dialogue?",
  "How much was spent in total?",
  "Which countries ratified new conventions?",
  "What are the lessons learned?",
  "How many results were achieved?",
  "What is the delivery rate of the regular budget?",
] as const;
