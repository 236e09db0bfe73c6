/**
 * Every route the app serves, described for the OpenAPI document: a route is added to the
 * document by adding its entry here (the coverage test fails for a served route without one).
 */
import { z } from "zod";
import type { ZodOpenApiPathsObject, ZodOpenApiResponsesObject } from "zod-openapi";
import { feedbackCreatedSchema, feedbackSchema, insightsQuerySchema, insightsSchema } from "./insights-routes.js";
import { chatCompletionRequestSchema } from "./openai-request-schema.js";
import {
  chatRequestSchema,
  figuresQuerySchema,
  passageIdSchema,
  searchQuerySchema,
  tableIdSchema,
} from "./request-schemas.js";
import {
  chatCompletionChunkSchema,
  chatCompletionSchema,
  chatResponseSchema,
  chatStreamEventSchema,
  errorBodySchema,
  figureListSchema,
  healthSchema,
  livenessSchema,
  openAIErrorSchema,
  openAIModelListSchema,
  openAIModelSchema,
  passageSchema,
  readinessSchema,
  reportIdentitySchema,
  searchPageSchema,
  startingSchema,
  tableListSchema,
  tableSchema,
} from "./response-schemas.js";

function json(schema: z.ZodType, description: string) {
  return { description, content: { "application/json": { schema } } };
}

const apiError = (description: string) => json(errorBodySchema, description);
const openAIError = (description: string) => json(openAIErrorSchema, description);

/** The errors any `/api` route may answer with, besides its own. */
const apiErrors: ZodOpenApiResponsesObject = {
  "400": apiError("Bad input: a missing, empty or malformed parameter (`invalid_request`, `malformed_url` …)"),
  "401": apiError("An API key is required or was refused (`invalid_api_key`), when the server asks for keys"),
  "403": apiError("The Origin is not allowed to call this API (`origin_not_allowed`)"),
  "429": apiError("Too many requests (`rate_limited`); see the Retry-After header"),
  "500": apiError("Something went wrong on our side (`internal_error`)"),
  "503": apiError("The index is still loading (`not_ready`)"),
};

/** The errors of a JSON request body. */
const bodyErrors: ZodOpenApiResponsesObject = {
  "413": apiError("The body is larger than 64 KB (`payload_too_large`)"),
  "415": apiError("The body is not UTF-8 JSON (`unsupported_encoding`, `unsupported_media_type`)"),
};

const openAIErrors: ZodOpenApiResponsesObject = {
  "400": openAIError("Bad input, naming the field at fault in `param`"),
  "401": openAIError("An API key is required or was refused, when the server asks for keys"),
  "404": openAIError("No such model or route"),
  "429": openAIError("Too many requests"),
  "500": openAIError("Something went wrong on our side"),
  "503": openAIError("The index is still loading"),
};

const text = (contentType: string, description: string) => ({
  description,
  content: { [contentType]: { schema: z.string() } },
});

export const apiPaths: ZodOpenApiPathsObject = {
  "/livez": {
    get: {
      operationId: "getLiveness",
      tags: ["health"],
      summary: "Liveness: 200 as soon as the process serves HTTP",
      responses: { "200": json(livenessSchema, "The process serves") },
    },
  },
  "/healthz": {
    get: {
      operationId: "getHealth",
      tags: ["health"],
      summary: "Health: 200 once the index is loaded, 503 before",
      responses: {
        "200": json(healthSchema, "The index is loaded"),
        "503": json(startingSchema, "The index is still loading"),
      },
    },
  },
  "/readyz": {
    get: {
      operationId: "getReadiness",
      tags: ["health"],
      summary: "Readiness: 200 when requests are answered, 503 while starting or draining",
      responses: {
        "200": json(readinessSchema, "Ready"),
        "503": json(readinessSchema, "Starting or draining"),
      },
    },
  },
  "/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["meta"],
      summary: "This OpenAPI 3.1 document",
      responses: { "200": json(z.looseObject({ openapi: z.string() }), "The document") },
    },
  },
  "/api/search": {
    get: {
      operationId: "searchPassages",
      tags: ["passages"],
      summary: "Passages for a query, best first, filtered and paged",
      description:
        "Every passage is ranked by hybrid retrieval (vectors and BM25 words, fused by reciprocal rank), those " +
        "outside the filters are dropped, and `k` are returned from `cursor` on. Each result says why it matched.",
      requestParams: { query: searchQuerySchema },
      responses: { "200": json(searchPageSchema, "One page of results"), ...apiErrors },
    },
  },
  "/api/passages/{id}": {
    get: {
      operationId: "getPassage",
      tags: ["passages"],
      summary: "One passage, with its document, section, page, neighbours and the figures it states",
      requestParams: { path: z.object({ id: passageIdSchema }) },
      responses: {
        "200": json(passageSchema, "The passage"),
        "404": apiError("No passage with this id (`passage_not_found`)"),
        ...apiErrors,
      },
    },
  },
  "/api/chat": {
    post: {
      operationId: "chat",
      tags: ["chat"],
      summary: "Answer the last question of a conversation, with cited passages and traced figures",
      requestBody: { required: true, content: { "application/json": { schema: chatRequestSchema } } },
      responses: {
        "200": {
          description:
            "The answer as JSON, or as Server-Sent Events with `stream: true` or `Accept: text/event-stream`",
          content: {
            "application/json": { schema: chatResponseSchema },
            "text/event-stream": { schema: chatStreamEventSchema },
          },
        },
        ...apiErrors,
        ...bodyErrors,
      },
    },
  },
  "/api/report": {
    get: {
      operationId: "getReportIdentity",
      tags: ["report"],
      summary: "The report's names, description, question placeholder and example questions",
      description:
        "Derived from the report's profile at start-up; every example question is one the assistant answers. " +
        "The widget shows them; the chat page has them in its HTML.",
      responses: { "200": json(reportIdentitySchema, "The report's identity"), ...apiErrors },
    },
  },
  "/api/tables": {
    get: {
      operationId: "listTables",
      tags: ["tables"],
      summary: "The tables parsed from the report",
      responses: { "200": json(tableListSchema, "Every table"), ...apiErrors },
    },
  },
  "/api/tables/{id}": {
    get: {
      operationId: "getTable",
      tags: ["tables"],
      summary: "One table as JSON, or CSV with `Accept: text/csv` or `?format=csv`",
      requestParams: {
        path: z.object({ id: tableIdSchema }),
        query: z.object({ format: z.enum(["json", "csv"]).optional() }),
      },
      responses: {
        "200": {
          description: "The table",
          content: { "application/json": { schema: tableSchema }, "text/csv": { schema: z.string() } },
        },
        "404": apiError("No table with this id (`table_not_found`)"),
        ...apiErrors,
      },
    },
  },
  "/api/figures": {
    get: {
      operationId: "findFigures",
      tags: ["tables"],
      summary: "Numbers stated in the running text, with their sentences",
      requestParams: { query: figuresQuerySchema },
      responses: { "200": json(figureListSchema, "Matching figures"), ...apiErrors },
    },
  },
  "/documents/{id}": {
    get: {
      operationId: "getDocument",
      tags: ["documents"],
      summary: "A document of the index as its original file (a PDF inline), with ETag and byte ranges",
      description:
        "Only the documents the index lists; citations and search results give each PDF passage's `url`, " +
        "`/documents/{id}#page=N`. Answers `Range` requests with 206 and honours `If-None-Match`.",
      requestParams: { path: z.object({ id: z.string().meta({ description: "Document id: its file name" }) }) },
      responses: {
        "200": {
          description: "The document",
          content: {
            "application/pdf": { schema: z.string().meta({ format: "binary" }) },
            "text/plain": { schema: z.string() },
          },
        },
        "206": {
          description: "The requested byte range",
          content: { "application/pdf": { schema: z.string().meta({ format: "binary" }) } },
        },
        "304": { description: "Not modified since the entity tag given in `If-None-Match`" },
        "404": apiError("No such document in the index (`document_not_found`)"),
        "416": { description: "The byte range lies outside the document" },
        "429": apiError("Too many requests (`rate_limited`); see the Retry-After header"),
        "503": apiError("The index is still loading (`not_ready`)"),
      },
    },
  },
  "/v1/models": {
    get: {
      operationId: "listModels",
      tags: ["openai"],
      summary: "The one model served (OpenAI protocol)",
      responses: { "200": json(openAIModelListSchema, "The models"), ...openAIErrors },
    },
  },
  "/v1/models/{model}": {
    get: {
      operationId: "getModel",
      tags: ["openai"],
      summary: "The model served, by id (OpenAI protocol)",
      requestParams: { path: z.object({ model: z.string() }) },
      responses: { "200": json(openAIModelSchema, "The model"), ...openAIErrors },
    },
  },
  "/v1/chat/completions": {
    post: {
      operationId: "createChatCompletion",
      tags: ["openai"],
      summary: "A chat completion (OpenAI protocol), with the answer's citations and figures as extra fields",
      requestBody: { required: true, content: { "application/json": { schema: chatCompletionRequestSchema } } },
      responses: {
        "200": {
          description: "The completion, or `data:` chunks ending with `data: [DONE]` when `stream` is true",
          content: {
            "application/json": { schema: chatCompletionSchema },
            "text/event-stream": { schema: chatCompletionChunkSchema },
          },
        },
        ...openAIErrors,
      },
    },
  },
  "/": {
    get: {
      operationId: "getChatPage",
      tags: ["web"],
      summary: "The chat page (`?lang=en` for English)",
      requestParams: { query: z.object({ lang: z.enum(["zh", "en"]).optional() }) },
      responses: { "200": text("text/html", "The page"), "304": { description: "Not modified" } },
    },
  },
  "/api/feedback": {
    post: {
      operationId: "sendFeedback",
      tags: ["insights"],
      summary: "A reader's 👍 or 👎 on an answer, with an optional comment",
      requestBody: { required: true, content: { "application/json": { schema: feedbackSchema } } },
      responses: { "201": json(feedbackCreatedSchema, "Stored"), ...apiErrors, ...bodyErrors },
    },
  },
  "/api/insights": {
    get: {
      operationId: "getInsights",
      tags: ["insights"],
      summary: "Questions and feedback per day, unanswered questions and 👎 answers (a private key when keys are set)",
      requestParams: { query: insightsQuerySchema },
      responses: {
        "200": json(insightsSchema, "The period's insights"),
        ...apiErrors,
        "403": apiError("A page token or a public key cannot read insights (`forbidden`), or the Origin is refused"),
      },
    },
  },
  "/page-token": {
    get: {
      operationId: "getPageToken",
      tags: ["web"],
      summary: "A fresh short-lived token for the chat page of this origin (only when API keys are set)",
      responses: {
        "200": json(z.object({ token: z.string(), expiresAt: z.number().int() }), "The token and its expiry (ms)"),
        "403": apiError("Not asked by this site's own page (`forbidden`)"),
        "429": apiError("Too many page tokens for this client (`rate_limited`); see the Retry-After header"),
      },
    },
  },
  "/insights": {
    get: {
      operationId: "getInsightsPage",
      tags: ["web"],
      summary: "The site owner's page of questions and feedback",
      responses: { "200": text("text/html", "The page"), "304": { description: "Not modified" } },
    },
  },
  "/widget.js": {
    get: {
      operationId: "getWidget",
      tags: ["web"],
      summary: "The embeddable help widget",
      responses: { "200": text("text/javascript", "The widget script"), "304": { description: "Not modified" } },
    },
  },
  "/assets/{fileName}": {
    get: {
      operationId: "getAsset",
      tags: ["web"],
      summary: "A hashed asset of the page or widget (cached for a year)",
      requestParams: { path: z.object({ fileName: z.string() }) },
      responses: {
        "200": {
          description: "The asset: a script or a stylesheet",
          content: { "text/javascript": { schema: z.string() }, "text/css": { schema: z.string() } },
        },
        "304": { description: "Not modified" },
        "404": apiError("No such asset"),
      },
    },
  },
};
