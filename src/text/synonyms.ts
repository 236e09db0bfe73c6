/**
 * Everyday Chinese words a reader types and the standard written words for the same thing, and
 * common short names of countries and unions. General vocabulary only: nothing here is about one
 * report. A question term counts as present in a passage when the passage holds the term or one of these.
 */
const GROUPS: string[][] = [
  ["全世界", "全球", "世界"],
  ["女人", "妇女", "女性"],
  ["男人", "男性"],
  ["工资", "薪酬", "薪金"],
  ["涨", "增长", "增加", "提高", "上升"],
  ["降", "下降", "减少", "降低"],
  ["钱", "资金", "经费"],
  ["花", "支出", "开支", "花费"],
  ["花了", "支出", "开支"],
  ["开会", "会议"],
  ["年轻人", "青年"],
  ["孩子", "儿童"],
  ["老人", "老年"],
  ["公司", "企业"],
  ["员工", "职工", "雇员"],
  ["印尼", "印度尼西亚"],
  ["美国", "美利坚合众国"],
  ["英国", "联合王国"],
  ["韩国", "大韩民国"],
  ["老挝", "老挝人民民主共和国"],
  ["欧盟", "欧洲联盟"],
  ["东盟", "东南亚国家联盟"],
];

const ALTERNATIVES = new Map<string, string[]>();
for (const group of GROUPS) {
  for (const word of group)
    ALTERNATIVES.set(word, [
      ...new Set([...(ALTERNATIVES.get(word) ?? []), ...group.filter((other) => other !== word)]),
    ]);
}

/** The term and the words the report may use instead. */
export function variantsOf(term: string): string[] {
  return [term, ...(ALTERNATIVES.get(term) ?? [])];
}
