// Baseline "what a user would pick instead": the LangChain.js quickstart pattern.
// RecursiveCharacterTextSplitter(1000/200) -> BM25 over character bigrams -> extractive answer.
// Speaks the same API as report-chat (/healthz, /api/search, /api/chat). Start: `npm ci && node server.mjs` (PORT,
// HOST, CORPUS env vars).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RecursiveCharacterTextSplitter } from "@langchain/textsplitters";
import express from "express";

const CORPUS = process.env.CORPUS ?? fileURLToPath(new URL("../corpus/ilo-pir-2018-19.zh.txt", import.meta.url));
const PORT = Number(process.env.PORT ?? 8787);
const HOST = process.env.HOST ?? "127.0.0.1"; // loopback only by default

// ---- tokenizer: NFKC, lowercase, drop whitespace, split on non-letter/number, then char bigrams
function tokens(s) {
  const out = [];
  for (const run of s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/gu, "")
    .split(/[^\p{L}\p{N}]+/u)) {
    if (run.length === 1) out.push(run);
    for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
  }
  return out;
}

// ---- BM25 (Okapi, k1=1.2, b=0.75, Lucene-style idf)
function buildBM25(texts, k1 = 1.2, b = 0.75) {
  const docs = texts.map((t) => {
    const tf = new Map();
    const toks = tokens(t);
    for (const w of toks) tf.set(w, (tf.get(w) ?? 0) + 1);
    return { tf, len: toks.length };
  });
  const df = new Map();
  for (const d of docs) for (const w of d.tf.keys()) df.set(w, (df.get(w) ?? 0) + 1);
  const N = docs.length;
  const avgdl = docs.reduce((a, d) => a + d.len, 0) / N;
  const idf = (w) => Math.log(1 + (N - (df.get(w) ?? 0) + 0.5) / ((df.get(w) ?? 0) + 0.5));
  return function search(query, k) {
    const q = tokens(query);
    const scored = [];
    docs.forEach((d, i) => {
      let s = 0;
      for (const w of q) {
        const f = d.tf.get(w);
        if (f) s += (idf(w) * (f * (k1 + 1))) / (f + k1 * (1 - b + (b * d.len) / avgdl));
      }
      if (s > 0) scored.push({ i, score: s });
    });
    return scored.sort((x, y) => y.score - x.score).slice(0, k);
  };
}

// ---- index build (in memory; ~200 KB of text, well under a second)
const raw = readFileSync(CORPUS, "utf8");
const splitter = new RecursiveCharacterTextSplitter({ chunkSize: 1000, chunkOverlap: 200 });
const docs = await splitter.createDocuments([raw]);
const chunks = docs.map((d, i) => ({
  id: `c${String(i).padStart(4, "0")}`,
  text: d.pageContent,
  section: d.metadata?.loc?.lines ? `lines ${d.metadata.loc.lines.from}-${d.metadata.loc.lines.to}` : "",
}));
const bm25 = buildBM25(chunks.map((c) => c.text));
const search = (q, k) => bm25(q, k).map(({ i, score }) => ({ ...chunks[i], score }));

// ---- HTTP
const fail = (res, status, code, message) => res.status(status).json({ error: { code, message } });
const app = express();
app.disable("x-powered-by");
app.use(express.json({ limit: "64kb" }));

app.get("/healthz", (_req, res) => res.json({ status: "ok", chunks: chunks.length, mode: "extractive" }));

app.get("/api/search", (req, res) => {
  const q = typeof req.query.q === "string" ? req.query.q.trim() : "";
  if (!q) return fail(res, 400, "bad_request", "q must be a non-empty string");
  const k = req.query.k === undefined ? 5 : Number(req.query.k);
  if (!Number.isInteger(k) || k < 1 || k > 50) return fail(res, 400, "bad_request", "k must be an integer 1..50");
  res.json({ results: search(q, k) });
});

app.post("/api/chat", (req, res) => {
  const body = req.body;
  if (!body || typeof body !== "object" || Array.isArray(body))
    return fail(res, 400, "bad_request", "JSON object body required");
  let messages = body.messages;
  if (messages === undefined && typeof body.question === "string")
    messages = [{ role: "user", content: body.question }];
  if (
    !Array.isArray(messages) ||
    messages.length === 0 ||
    messages.length > 50 ||
    !messages.every((m) => m && (m.role === "user" || m.role === "assistant") && typeof m.content === "string")
  ) {
    return fail(
      res,
      400,
      "bad_request",
      'messages must be a non-empty array of {role:"user"|"assistant", content:string}',
    );
  }
  const last = messages.at(-1);
  if (last.role !== "user" || !last.content.trim())
    return fail(res, 400, "bad_request", "last message must be a non-empty user message");
  if (body.k !== undefined && (!Number.isInteger(body.k) || body.k < 1 || body.k > 50)) {
    return fail(res, 400, "bad_request", "k must be an integer 1..50");
  }
  // Quickstart behaviour: query = the last user turn only (no history rewriting); top passage is the
  // answer, top 3 are the citations (k is validated but the baseline always cites 3).
  const hits = search(last.content, 3);
  res.json({
    answer: hits.length ? hits[0].text.slice(0, 300) : "",
    found: true,
    citations: hits
      .slice(0, 3)
      .map((h) => ({ id: h.id, chunkId: h.id, text: h.text, section: h.section, score: h.score })),
    figures: [],
    mode: "extractive",
  });
});

app.use((_req, res) => fail(res, 404, "not_found", "no such route"));
// body-parser errors (malformed JSON -> 400, too large -> 413) and anything else
app.use((err, _req, res, _next) => {
  const status = err.status >= 400 && err.status < 500 ? err.status : 500;
  fail(
    res,
    status,
    err.type ?? (status === 500 ? "internal" : "bad_request"),
    status === 500 ? "internal error" : err.message,
  );
});

const server = app.listen(PORT, HOST, () => {
  console.log(
    `baseline listening on http://${HOST}:${server.address().port} (${chunks.length} chunks) pid=${process.pid}`,
  );
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => process.exit(0)); // stateless: just stop
