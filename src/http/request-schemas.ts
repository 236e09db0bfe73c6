import { z } from "zod";

export const MAX_QUESTION_LENGTH = 2000;
export const MAX_MESSAGES = 20;
export const MAX_K = 20;

const messageSchema = z.strictObject({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(MAX_QUESTION_LENGTH, `a message is at most ${MAX_QUESTION_LENGTH} characters`),
});

const kSchema = z.number().int().min(1).max(MAX_K);

/** Longest document id or file stem accepted as `report`. */
const MAX_REPORT_LENGTH = 255;

/** `report`: a document id (`Chunk.source`, the file name inside corpus/) or its file stem. */
const reportSchema = z
  .string()
  .trim()
  .min(1, "report is empty")
  .max(MAX_REPORT_LENGTH, `report is at most ${MAX_REPORT_LENGTH} characters`)
  .meta({
    description: "A document of the index: its id (the file name inside corpus/) or its file stem",
    example: "ilo-pir-2018-19.zh",
  });

/** `POST /api/chat`: a conversation, or the `question` shorthand for one user message. */
export const chatRequestSchema = z
  .strictObject({
    messages: z.array(messageSchema).min(1).max(MAX_MESSAGES).optional(),
    question: z
      .string()
      .max(MAX_QUESTION_LENGTH, `the question is at most ${MAX_QUESTION_LENGTH} characters`)
      .optional(),
    k: kSchema.optional().meta({ description: "How many passages the answer draws on (default 5)" }),
    stream: z.boolean().optional().meta({ description: "Answer as Server-Sent Events" }),
    report: reportSchema.optional(),
  })
  .refine((body) => (body.messages === undefined) !== (body.question === undefined), {
    message: "send either `messages` or `question`",
  })
  .transform((body) => ({
    messages: body.messages ?? [{ role: "user" as const, content: body.question ?? "" }],
    k: body.k,
    stream: body.stream ?? false,
    report: body.report,
  }))
  .refine((body) => body.messages[body.messages.length - 1]?.role === "user", {
    message: "the last message must be from the user",
  })
  .refine((body) => body.messages[body.messages.length - 1].content.trim().length > 0, {
    message: "the question is empty",
  });

/** Longest figure query accepted by `GET /api/figures`. */
export const MAX_FIGURE_QUERY_LENGTH = 200;

/** `GET /api/tables/:id`: ids are letters, digits, dots and dashes (`table-3`). */
export const tableIdSchema = z
  .string()
  .max(100, "a table id is at most 100 characters")
  .regex(/^[\w.-]+$/u, "a table id holds letters, digits, dots and dashes");

/** The query parameter `q`: required, trimmed, not empty, at most `maximum` characters. */
function queryTextSchema(maximum: number) {
  return z
    .string({ error: "the query parameter q is required" })
    .trim()
    .min(1, "the query parameter q is empty")
    .max(maximum, `q is at most ${maximum} characters`);
}

/** `GET /api/figures?q=`. */
export const figuresQuerySchema = z.object({ q: queryTextSchema(MAX_FIGURE_QUERY_LENGTH) });

/** Highest page number accepted by the page filters. */
const MAX_PAGE = 100_000;

function pageSchema(description: string) {
  return z.coerce.number().int().min(1).max(MAX_PAGE).optional().meta({ description });
}

const chunkKindSchema = z.enum(["text", "table", "box", "caption"]);

/**
 * `GET /api/search?q=&k=&cursor=&report=&section=&pageFrom=&pageTo=&kind=`: unknown query
 * parameters are ignored, as browsers and proxies add their own.
 */
export const searchQuerySchema = z
  .object({
    q: queryTextSchema(MAX_QUESTION_LENGTH).meta({ description: "What to search for", example: "经常预算的交付率" }),
    k: z.coerce.number().int().min(1).max(MAX_K).default(5).meta({ description: "Results per page" }),
    cursor: z
      .string()
      .max(200, "cursor is at most 200 characters")
      .regex(/^[\w-]+$/u, "cursor is malformed")
      .optional()
      .meta({ description: "The `nextCursor` of the previous page" }),
    report: reportSchema.optional(),
    section: z
      .string()
      .trim()
      .min(1, "section is empty")
      .max(MAX_QUESTION_LENGTH, `section is at most ${MAX_QUESTION_LENGTH} characters`)
      .optional()
      .meta({
        description: "The start of the section path, headings joined with ` > ` (spaces ignored)",
        example: "第二部分",
      }),
    pageFrom: pageSchema("First printed page, inclusive"),
    pageTo: pageSchema("Last printed page, inclusive"),
    kind: z
      .union([chunkKindSchema, z.array(chunkKindSchema).max(4)])
      .optional()
      .meta({ description: "Kinds of passage to keep; repeat the parameter for several" }),
  })
  .refine((query) => query.pageFrom === undefined || query.pageTo === undefined || query.pageFrom <= query.pageTo, {
    message: "pageFrom is after pageTo",
    path: ["pageFrom"],
  });

/** Longest passage id accepted by `GET /api/passages/:id`. */
const MAX_PASSAGE_ID_LENGTH = 300;

/** `GET /api/passages/:id`: ids read `<file stem>:<8 hex>:<n>`, e.g. `ilo-pir-2018-19.zh:99aaa28d:0`. */
export const passageIdSchema = z
  .string()
  .min(1, "the passage id is empty")
  .max(MAX_PASSAGE_ID_LENGTH, `a passage id is at most ${MAX_PASSAGE_ID_LENGTH} characters`)
  .regex(/^[^\p{Cc}]+$/u, "a passage id holds no control characters")
  .meta({
    description: "A passage id, as search results and citations give it",
    example: "ilo-pir-2018-19.zh:99aaa28d:0",
  });
