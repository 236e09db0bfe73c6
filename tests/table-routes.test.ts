import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createErrorHandler } from "../src/http/error-handler.js";
import { createTableRouter } from "../src/http/table-routes.js";
import { createLogger } from "../src/logger.js";
import { extractTables } from "../src/tables/extract-tables.js";
import { TableStore } from "../src/tables/table-store.js";
import type { Chunk } from "../src/types.js";

/** A trimmed excerpt of the report: outcome 1's spending sentence, then its funding table as the ingester cuts it. */
const SENTENCE = " 2018-2019 两年期，劳工组织在这项成果目标上的支出达 2.674 亿美元，其中 39%来自其经常预算。";
const TABLE = [
  "成果目标 1 预算和支出 资金来源表（百万美元）",
  "资金来源 战略预算(百万美元) 实际支出(百万美元)",
  "经常预算 102.2 104.8",
  "预算外发展合作 131.0 154.4",
  "经常预算补充账户 未定义 8.2",
  "合计 233.2 267.4",
].join("\n");

const chunks: Chunk[] = [
  {
    id: "excerpt#0",
    text: SENTENCE,
    sectionPath: ["成果目标 1"],
    section: "成果目标 1",
    kind: "text",
    source: "excerpt.txt",
  },
  {
    id: "excerpt#1",
    text: TABLE,
    sectionPath: ["成果目标 1"],
    section: "成果目标 1",
    kind: "table",
    label: "表 成果目标 1 资金来源",
    source: "excerpt.txt",
  },
];
const store = TableStore.fromExtraction(extractTables(chunks));

let server: Server;
let baseUrl: string;

beforeAll(async () => {
  const app = express();
  app.use(createTableRouter({ getStore: () => store }));
  app.use(createErrorHandler(createLogger({ level: "silent" })));
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("table routes", () => {
  it("lists the tables", async () => {
    const response = await fetch(`${baseUrl}/api/tables`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      tables: [
        {
          id: "table-1",
          caption: "表 成果目标 1 资金来源",
          section: "成果目标 1",
          kind: "layout",
          unit: "百万美元",
          rows: 4,
          chunkId: "excerpt#1",
          document: "excerpt.txt",
        },
      ],
    });
  });

  it("returns a table as JSON", async () => {
    const response = await fetch(`${baseUrl}/api/tables/table-1`);
    expect(response.headers.get("content-type")).toMatch(/application\/json/u);
    const table = await response.json();
    expect(table.rows[2].cells[0]).toMatchObject({ value: null, text: "未定义" });
  });

  it("returns a table as CSV on Accept: text/csv or ?format=csv", async () => {
    for (const request of [
      fetch(`${baseUrl}/api/tables/table-1`, { headers: { Accept: "text/csv" } }),
      fetch(`${baseUrl}/api/tables/table-1?format=csv`),
    ]) {
      const response = await request;
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(await response.text()).toBe(
        "资金来源,战略预算,实际支出\r\n经常预算,102.2,104.8\r\n预算外发展合作,131," +
          "154.4\r\n经常预算补充账户,,8.2\r\n合计,233.2,267.4\r\n",
      );
    }
  });

  it("answers 404 with a JSON error for an unknown table", async () => {
    const response = await fetch(`${baseUrl}/api/tables/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "table_not_found", message: expect.any(String) } });
  });

  it("finds figures by query", async () => {
    const response = await fetch(`${baseUrl}/api/figures?q=${encodeURIComponent("2.674 亿美元")}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.figures[0]).toMatchObject({ value: "2.674", unit: "亿美元", chunkId: "excerpt#0" });
  });

  it("answers 400 with a JSON error on a missing or over-long query", async () => {
    for (const url of [
      `${baseUrl}/api/figures`,
      `${baseUrl}/api/figures?q=%20`,
      `${baseUrl}/api/figures?q=${"支出".repeat(150)}`,
    ]) {
      const response = await fetch(url);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.error).toEqual({ code: "invalid_request", message: expect.stringMatching(/\bq\b/u) });
    }
  });
});
