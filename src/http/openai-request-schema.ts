/** The body of `POST /v1/chat/completions`, as OpenAI clients send it. */
import { z } from "zod";
import { OpenAIRequestError } from "./openai-errors.js";

const textPartSchema = z.looseObject({
  type: z.literal("text", { error: "only text content parts are supported" }),
  text: z.string(),
});

/** A message's content: a string or an array of text parts (images, audio and files are refused). */
const contentSchema = z.union([z.string(), z.array(textPartSchema)], {
  error: "content must be a string or an array of text parts",
});

const messageSchema = z.looseObject({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"]),
  // Assistant messages that only called tools carry `content: null`.
  content: contentSchema.nullable().optional(),
  name: z.string().optional(),
});

/** A `tool_choice` or `function_call` that does not force a call. */
const optionalCallChoice = z.enum(["none", "auto"], { error: "report-chat cannot call tools or functions" });

/**
 * Known fields are type-checked; fields that do not apply to a report assistant (`temperature`,
 * `top_p`, `max_tokens`, `stop`, `seed`, `user`, `tools` …) are accepted and ignored, and unknown
 * fields pass, since clients add new ones faster than servers learn them.
 */
export const chatCompletionRequestSchema = z.looseObject({
  model: z.string({ error: "model is required" }).min(1, "model is required"),
  messages: z
    .array(messageSchema, { error: "messages must be an array of messages" })
    .min(1, "messages must hold at least one message"),
  stream: z.boolean().nullable().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullable().optional() }).nullable().optional(),
  n: z.number().int().min(1).max(1, "report-chat writes one answer per request; n must be 1").nullable().optional(),
  temperature: z.number().min(0).max(2).nullable().optional(),
  top_p: z.number().min(0).max(1).nullable().optional(),
  max_tokens: z.number().int().min(1).nullable().optional(),
  max_completion_tokens: z.number().int().min(1).nullable().optional(),
  presence_penalty: z.number().min(-2).max(2).nullable().optional(),
  frequency_penalty: z.number().min(-2).max(2).nullable().optional(),
  stop: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  seed: z.number().int().nullable().optional(),
  user: z.string().optional(),
  tools: z.array(z.unknown()).nullable().optional(),
  tool_choice: optionalCallChoice.nullable().optional(),
  functions: z.array(z.unknown()).nullable().optional(),
  function_call: optionalCallChoice.nullable().optional(),
  response_format: z
    .looseObject({
      type: z.literal("text", { error: "report-chat answers in text; JSON response formats are not supported" }),
    })
    .nullable()
    .optional(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = ChatCompletionRequest["messages"][number];

/**
 * The issue to report: for a value that matches no branch of a union, the branch issue that got
 * furthest into it (an image part of a content array, rather than "not a string or an array").
 */
function innermostIssue(issue: z.core.$ZodIssue): z.core.$ZodIssue {
  if (issue.code !== "invalid_union") return issue;
  const deepest = issue.errors
    .flat()
    .map(innermostIssue)
    .reduce<z.core.$ZodIssue | undefined>(
      (best, candidate) => (candidate.path.length > (best?.path.length ?? 0) ? candidate : best),
      undefined,
    );
  return deepest ? { ...deepest, path: [...issue.path, ...deepest.path] } : issue;
}

/** Fields whose refusal means "report-chat cannot do this", not "this is malformed". */
const UNSUPPORTED_FEATURES =
  /^(?:n|tool_choice|function_call|response_format\.type|messages\.\d+\.content\.\d+\.type)$/u;

/** Parses a request body, or throws a 400 naming the first field at fault (OpenAI's `param`). */
export function parseChatCompletionRequest(body: unknown): ChatCompletionRequest {
  if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new OpenAIRequestError(
      400,
      "invalid_request",
      "The request body must be a JSON object (Content-Type: application/json).",
    );
  }
  const result = chatCompletionRequestSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = innermostIssue(result.error.issues[0]);
  const param = issue.path.length > 0 ? issue.path.join(".") : null;
  const code = param !== null && UNSUPPORTED_FEATURES.test(param) ? "unsupported_value" : "invalid_request";
  throw new OpenAIRequestError(400, code, param ? `${param}: ${issue.message}` : issue.message, param);
}
