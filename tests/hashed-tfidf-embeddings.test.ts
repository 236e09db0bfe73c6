import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { HashedTfidfEmbeddings, LOCAL_EMBEDDER_ID } from "../src/embedding/hashed-tfidf-embeddings.js";

const passages = [
  "2018-2019 两年期，劳工组织在这项成果目标上的支出达 2.674 亿美元，其中 39%来自其经常预算。",
  "全球失业率保持相对稳定，从 2017 年的 5.6%降至 2018 年和 2019 年的 5.4%。这相当于全球约有 1.88 亿失业人口。",
  "2019 年，劳工组织发起了“百年批约运动”，邀请其 187 成员国的政府、雇主组织和工人组织批准至少一项公约。",
];

function cosine(left: number[], right: number[]): number {
  return left.reduce((sum, value, index) => sum + value * right[index], 0);
}

describe("HashedTfidfEmbeddings", () => {
  it("embeds deterministically: the same text gives the same vector, across fits and saved state", async () => {
    const first = HashedTfidfEmbeddings.fit(passages);
    const second = HashedTfidfEmbeddings.fromState(
      JSON.parse(JSON.stringify(HashedTfidfEmbeddings.fit(passages).toState())),
    );
    const [vectorA] = await first.embedDocuments([passages[0]]);
    const vectorB = await second.embedQuery(passages[0]);
    expect(vectorA).toEqual(vectorB);
    expect(vectorA).toHaveLength(1024);
  });

  it("returns L2-normalised vectors", async () => {
    const embeddings = HashedTfidfEmbeddings.fit(passages);
    for (const vector of await embeddings.embedDocuments(passages)) {
      expect(Math.sqrt(cosine(vector, vector))).toBeCloseTo(1, 6);
    }
  });

  it("puts a Chinese paraphrase closest to the passage it paraphrases", async () => {
    const embeddings = HashedTfidfEmbeddings.fit(passages);
    const vectors = await embeddings.embedDocuments(passages);
    const query = await embeddings.embedQuery("全世界有多少失业人口？");
    const similarities = vectors.map((vector) => cosine(vector, query));
    expect(similarities.indexOf(Math.max(...similarities))).toBe(1);
  });

  it("works on the whole report without a download", async () => {
    const report = await readFile("corpus/ilo-pir-2018-19.zh.txt", "utf8");
    const paragraphs = report.split(/\n\s*\n/u).filter((paragraph) => paragraph.trim().length > 20);
    const embeddings = HashedTfidfEmbeddings.fit(paragraphs);
    expect(embeddings.identity).toEqual({ id: LOCAL_EMBEDDER_ID, dimension: 1024 });
    expect(Object.keys(embeddings.toState().idf).length).toBeGreaterThan(5000);
  });
});
