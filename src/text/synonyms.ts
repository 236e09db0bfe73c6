/**
 * Everyday words a reader types and the words the report uses for the same thing. A question term
 * counts as present in a passage when the passage holds the term or one of these.
 */
const GROUPS: string[][] = [
  ["全世界", "全球", "世界"],
  ["会员", "成员"],
  ["女人", "妇女", "女性"],
  ["男人", "男性"],
  ["工资", "薪酬", "薪金"],
  ["岗位", "就业机会", "工作岗位", "就业"],
  ["涨", "增长", "增加", "提高", "上升"],
  ["降", "下降", "减少", "降低"],
  ["钱", "资金", "美元", "经费"],
  ["花", "支出", "开支", "花费"],
  ["花了", "支出", "开支"],
  ["开会", "会议"],
  ["办", "举办", "开展", "举行"],
  ["国家", "成员国"],
  ["年轻人", "青年"],
  ["孩子", "儿童", "童工"],
  ["老人", "老年", "养老"],
  ["公司", "企业"],
  ["员工", "工人", "职工", "雇员"],
  ["培训", "学员", "培训班"],
  ["批准", "批约", "批准书"],
  ["失业人数", "失业人口"],
  ["捐钱", "捐款", "捐助"],
  ["访问量", "浏览量", "访客"],
  ["庆典", "周年", "百年"],
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
