import { z } from "zod";

export const MAX_QUESTION_LENGTH = 2000;
export const MAX_MESSAGES = 20;
export const MAX_K = 20;

const messageSchema = z.strictObject({
  role: z.enum(["user", "assistant"]),
  content: z.string().max(MAX_QUESTION_LENGTH, `a message is at most ${MAX_QUESTION_LENGTH} characters`),
});

const kSchema = z.number().int().min(1).max(MAX_K);

/** `POST /api/chat`: a conversation, or the `question` shorthand for one user message. */
export const chatRequestSchema = z
  .strictObject({
    messages: z.array(messageSchema).min(1).max(MAX_MESSAGES).optional(),
    question: z
      .string()
      .max(MAX_QUESTION_LENGTH, `the question is at most ${MAX_QUESTION_LENGTH} characters`)
      .optional(),
    k: kSchema.optional(),
    stream: z.boolean().optional(),
  })
  .refine((body) => (body.messages === undefined) !== (body.question === undefined), {
    message: "send either `messages` or `question`",
  })
  .transform((body) => ({
    messages: body.messages ?? [{ role: "user" as const, content: body.question ?? "" }],
    k: body.k,
    stream: body.stream ?? false,
  }))
  .refine((body) => body.messages[body.messages.length - 1]?.role === "user", {
    message: "the last message must be from the user",
  })
  .refine((body) => body.messages[body.messages.length - 1].content.trim().length > 0, {
    message: "the question is empty",
  });

/** Longest figure query accepted by `GET /api/figures`. */
export const MAX_FIGURE_QUERY_LENGTH = 200;

/** `GET /api/tables/:id`: ids are letters, digits, dots and dashes (`funding-outcome-3`, `indicator-results-A.1`). */
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

/** `GET /api/search?q=&k=`: unknown query parameters are ignored, as browsers and proxies add their own. */
export const searchQuerySchema = z.object({
  q: queryTextSchema(MAX_QUESTION_LENGTH),
  k: z.coerce.number().int().min(1).max(MAX_K).default(5),
});
