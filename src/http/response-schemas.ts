/**
 * The shapes the HTTP API answers with, as zod schemas: the OpenAPI document is generated from
 * them (and from the request schemas), and the tests validate real responses against it.
 */
import { z } from "zod";
import { figureSchema as figureRecordSchema, tableSchema as tableRecordSchema } from "../tables/table-store.js";

const documentFields = {
  document: z.string().optional().meta({ description: "Document id: the file name inside corpus/" }),
  documentTitle: z.string().optional().meta({ description: "The document's title, where known" }),
  url: z.string().optional().meta({
    description: "For a PDF's passage: the PDF at the page it starts on (`GET /documents/{id}`)",
    example: "/documents/report.pdf#page=7",
  }),
};

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: "What went wrong, for programs", example: "invalid_request" }),
      message: z.string().meta({ description: "What went wrong, for people" }),
    }),
  })
  .meta({ id: "Error", description: "Every error of the report API (4xx for bad input, 5xx on our side)" });

export const chunkKindSchema = z.enum(["text", "table", "box", "caption"]).meta({ id: "PassageKind" });

const citationSchema = z
  .object({
    id: z.number().int().meta({ description: "The number of the inline marker `[id]`" }),
    chunkId: z.string().meta({ description: "The passage id (`GET /api/passages/{id}`)" }),
    text: z.string(),
    section: z.string(),
    score: z.number(),
    page: z.number().int().optional(),
    label: z.string().optional(),
    ...documentFields,
  })
  .meta({ id: "Citation" });

const figureSchema = z
  .object({
    value: z.string().meta({ description: "The number as the answer writes it" }),
    unit: z.string().optional(),
    label: z.string().optional().meta({ description: "What the number measures" }),
    citation: z.number().int(),
    source: z
      .object({
        citation: z.number().int(),
        span: z.string().meta({ description: "The exact characters of the citation text holding the number" }),
        start: z.number().int().meta({ description: "Offset of `span` in the citation text" }),
      })
      .optional(),
    derivation: z.string().optional().meta({ description: "The arithmetic of a computed number" }),
    status: z
      .enum(["verified", "derived", "cited-elsewhere", "unverified"])
      .optional()
      .meta({ description: "What the check of the number found; without it, verified when it has a `source`" }),
    foundIn: z
      .number()
      .int()
      .optional()
      .meta({ description: "For a `cited-elsewhere` number: the passage stating it" }),
    reason: z.string().optional().meta({ description: "Why a number is not `verified`" }),
    inAnswer: z
      .object({ start: z.number().int(), span: z.string() })
      .optional()
      .meta({ description: "Where the answer text states the number" }),
    quantity: z
      .object({ value: z.number(), unit: z.string(), kind: z.string() })
      .optional()
      .meta({ description: "The value in base units, as the check read it" }),
  })
  .meta({ id: "Figure" });

const answerTableSchema = z
  .object({
    tableId: z.string(),
    caption: z.string(),
    unit: z.string().optional(),
    columns: z.array(z.string()),
    rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    chart: z
      .object({
        type: z.enum(["bar", "line"]),
        labels: z.array(z.string()),
        series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
      })
      .optional(),
  })
  .meta({ id: "AnswerTable", description: "The table rows an answer was computed from" });

export const chatResponseSchema = z
  .object({
    answer: z.string().meta({ description: "The answer, with inline markers `[n]` naming its citations" }),
    found: z.boolean().meta({ description: "False when the report does not answer the question" }),
    citations: z.array(citationSchema),
    figures: z.array(figureSchema),
    mode: z.enum(["extractive", "llm"]),
    unverifiedFigures: z.array(z.string()).optional(),
    notice: z.string().optional(),
    resolvedQuery: z.string().optional(),
    table: answerTableSchema.optional(),
  })
  .meta({ id: "ChatResponse" });

/** The events of a streamed answer, in order: `citations`, `delta`…, then `done` (or `error`). */
export const chatStreamEventSchema = z
  .discriminatedUnion("event", [
    z.object({ event: z.literal("citations"), data: z.object({ citations: z.array(citationSchema) }) }),
    z.object({ event: z.literal("delta"), data: z.object({ text: z.string() }) }),
    z.object({ event: z.literal("restart"), data: z.object({ notice: z.string() }) }),
    z.object({ event: z.literal("done"), data: chatResponseSchema }),
    z.object({ event: z.literal("error"), data: errorBodySchema }),
  ])
  .meta({
    id: "ChatStreamEvent",
    description:
      "One Server-Sent Event, sent as `event: <event>` and `data: <data as JSON>`. `citations` comes first, " +
      "then `delta` pieces of the answer, then `done` with the whole response; `restart` withdraws the text " +
      "streamed so far (the language model failed) before the answer is streamed again; `error` ends a failed answer.",
  });

const searchResultSchema = z
  .object({
    id: z.string().meta({ description: "The passage id (`GET /api/passages/{id}`)" }),
    text: z.string(),
    section: z.string(),
    sectionPath: z.array(z.string()),
    document: z.string(),
    documentTitle: documentFields.documentTitle,
    kind: chunkKindSchema,
    score: z.number().meta({ description: "Reciprocal rank fusion score; higher is better" }),
    page: z.number().int().optional(),
    url: documentFields.url,
    label: z.string().optional(),
    match: z
      .object({
        terms: z.array(z.string()).meta({ description: "Words of the query (as run) that the passage holds" }),
        denseRank: z.number().int().min(1).optional().meta({ description: "Place in the vector ranking" }),
        lexicalRank: z
          .number()
          .int()
          .min(1)
          .optional()
          .meta({ description: "Place in the word (BM25) ranking; absent when no query word is in the passage" }),
      })
      .meta({ description: "Why the passage matched" }),
  })
  .meta({ id: "SearchResult" });

export const searchPageSchema = z
  .object({
    results: z.array(searchResultSchema).meta({ description: "Best first" }),
    nextCursor: z.string().optional().meta({ description: "Pass as `cursor` for the next page; absent on the last" }),
  })
  .meta({ id: "SearchPage" });

export const passageSchema = z
  .object({
    id: z.string(),
    document: z.string(),
    documentTitle: documentFields.documentTitle,
    text: z.string(),
    section: z.string(),
    sectionPath: z.array(z.string()),
    kind: chunkKindSchema,
    page: z.number().int().optional(),
    url: documentFields.url,
    label: z.string().optional(),
    links: z.array(z.string()).optional(),
    previous: z.string().nullable().meta({ description: "The passage before, in the same document" }),
    next: z.string().nullable().meta({ description: "The passage after, in the same document" }),
    figures: z
      .array(
        z.object({
          value: z.string(),
          unit: z.string().optional(),
          span: z.string().meta({ description: "The exact characters of the passage text holding the number" }),
          start: z.number().int().meta({ description: "Offset of `span` in the passage text" }),
          label: z.string().meta({ description: "What it measures: a stated figure's clause, a cell's row · column" }),
        }),
      )
      .meta({ description: "The report's stated figures (as `GET /api/figures` lists them) and table cells here" }),
    tables: z.array(z.string()).meta({ description: "Ids of the parsed tables with cells in this passage" }),
  })
  .meta({ id: "Passage" });

export const tableListSchema = z
  .object({
    tables: z.array(
      z.object({
        id: z.string(),
        caption: z.string(),
        section: z.string(),
        kind: tableRecordSchema.shape.kind,
        unit: z.string().optional(),
        rows: z.number().int(),
        chunkId: z.string(),
        page: z.number().int().optional().meta({ description: "The page the table starts on, when known" }),
        document: documentFields.document,
      }),
    ),
  })
  .meta({ id: "TableList" });

export const tableSchema = tableRecordSchema.meta({ id: "Table" });

export const figureListSchema = z
  .object({ query: z.string(), figures: z.array(figureRecordSchema.meta({ id: "StatedFigure" })) })
  .meta({ id: "StatedFigureList" });

export const healthSchema = z.object({
  status: z.literal("ok"),
  chunks: z.number().int(),
  embedder: z.string(),
  mode: z.enum(["extractive", "llm"]),
  builtAt: z.string(),
});

export const startingSchema = z.object({ status: z.literal("starting") });

export const livenessSchema = z.object({ status: z.literal("alive") });

export const readinessSchema = z
  .object({
    status: z.enum(["ready", "starting", "draining"]),
    index: z.union([
      z.object({ status: z.literal("loading") }),
      z.object({ status: z.literal("loaded"), chunks: z.number().int(), embedder: z.string(), builtAt: z.string() }),
    ]),
    mode: z.enum(["extractive", "llm"]).optional(),
    chatModel: z.object({ circuit: z.enum(["closed", "open", "half-open", "not_configured"]) }),
  })
  .meta({ id: "Readiness" });

export const openAIErrorSchema = z
  .object({
    error: z.object({ message: z.string(), type: z.string(), param: z.string().nullable(), code: z.string() }),
  })
  .meta({ id: "OpenAIError", description: "Errors of the /v1 routes, in OpenAI's shape" });

export const openAIModelSchema = z
  .object({ id: z.string(), object: z.literal("model"), created: z.number().int(), owned_by: z.string() })
  .meta({ id: "OpenAIModel" });

export const openAIModelListSchema = z.object({ object: z.literal("list"), data: z.array(openAIModelSchema) });

const usageSchema = z.object({
  prompt_tokens: z.number().int(),
  completion_tokens: z.number().int(),
  total_tokens: z.number().int(),
});

/** Fields OpenAI clients ignore: the passages cited, the figures traced to them, whether the report answers. */
const reportFields = {
  citations: z.array(citationSchema),
  figures: z.array(figureSchema),
  found: z.boolean(),
  mode: z.enum(["extractive", "llm"]),
  notice: z.string().optional(),
  unverifiedFigures: z.array(z.string()).optional(),
};

export const chatCompletionSchema = z
  .looseObject({
    id: z.string(),
    object: z.literal("chat.completion"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: z.number().int(),
        message: z.looseObject({ role: z.literal("assistant"), content: z.string() }),
        finish_reason: z.string(),
      }),
    ),
    usage: usageSchema,
    ...reportFields,
  })
  .meta({ id: "ChatCompletion" });

export const chatCompletionChunkSchema = z
  .looseObject({
    id: z.string(),
    object: z.literal("chat.completion.chunk"),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.looseObject({
        index: z.number().int(),
        delta: z.looseObject({ role: z.literal("assistant").optional(), content: z.string().optional() }),
        finish_reason: z.string().nullable(),
      }),
    ),
    usage: usageSchema.nullable().optional(),
    ...z.object(reportFields).partial().shape,
  })
  .meta({
    id: "ChatCompletionChunk",
    description: "One `data:` line of a streamed completion; the stream ends with `data: [DONE]`",
  });

const localisedIdentitySchema = z.object({
  shortTitle: z.string().meta({ description: "Short name of the report, for a header" }),
  reportTitle: z.string().meta({ description: "Full name of the report" }),
  description: z.string().meta({ description: "What the report is and covers, from its opening and its topics" }),
  placeholder: z.string().meta({ description: "Placeholder of the question field" }),
});

export const reportIdentitySchema = z
  .object({
    zh: localisedIdentitySchema,
    en: localisedIdentitySchema,
    examples: z
      .array(z.object({ language: z.enum(["zh", "en"]), text: z.string() }))
      .meta({ description: "Questions the assistant answers, made from the report's headings, tables and topics" }),
  })
  .meta({ id: "ReportIdentity", description: "What the chat interface says about the report, in Chinese and English" });
