/** `POST /api/feedback` from readers, `GET /api/insights` for site owners. */
import { type Request, Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import { z } from "zod";
import { UserError } from "../errors.js";
import type { InsightsStore } from "../store/insights-store.js";
import { MAX_QUESTION_LENGTH } from "./request-schemas.js";
import { sendUserError } from "./send-user-error.js";
import { validate } from "./validate.js";

export interface InsightsRouterOptions {
  store: InsightsStore;
  /**
   * Whether the request may read insights. The API key check has let the request through already;
   * this refuses the narrower credentials a browser holds (page tokens, public keys).
   */
  mayReadInsights: (request: Request) => boolean;
  /** Feedback per client address and window, so no one can fill the database. */
  feedbackBudget: { windowMs: number; limit: number };
}

export const MAX_COMMENT_LENGTH = 1000;
const MAX_ANSWER_LENGTH = 20_000;
const MAX_DAYS = 366;

/** `POST /api/feedback`. */
export const feedbackSchema = z.strictObject({
  rating: z.enum(["up", "down"]),
  question: z.string().trim().min(1, "the question is empty").max(MAX_QUESTION_LENGTH),
  answer: z.string().max(MAX_ANSWER_LENGTH),
  comment: z.string().max(MAX_COMMENT_LENGTH, `a comment is at most ${MAX_COMMENT_LENGTH} characters`).optional(),
});

/** `GET /api/insights?days=`. */
export const insightsQuerySchema = z.object({
  days: z.coerce.number().int().min(1).max(MAX_DAYS).default(30),
});

/** The answer of `POST /api/feedback`. */
export const feedbackCreatedSchema = z.object({ id: z.number().int() });

/** The answer of `GET /api/insights`. */
export const insightsSchema = z.object({
  periodDays: z.number().int(),
  days: z.array(
    z.object({
      day: z.string(),
      questions: z.number().int(),
      answered: z.number().int(),
      notFound: z.number().int(),
      thumbsUp: z.number().int(),
      thumbsDown: z.number().int(),
    }),
  ),
  topUnanswered: z.array(z.object({ question: z.string(), count: z.number().int() })),
  thumbsDown: z.array(
    z.object({ at: z.string(), question: z.string().nullable(), answer: z.string(), comment: z.string().nullable() }),
  ),
  questionTextKept: z.boolean(),
});

export function createInsightsRouter(options: InsightsRouterOptions): Router {
  const router = Router();
  const feedbackLimit = rateLimit({
    windowMs: options.feedbackBudget.windowMs,
    limit: options.feedbackBudget.limit,
    identifier: "feedback",
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (request) => ipKeyGenerator(request.ip ?? request.socket.remoteAddress ?? "unknown", 56),
    validate: { trustProxy: false, xForwardedForHeader: false, forwardedHeader: false, ip: false },
    handler: (request, response) =>
      sendUserError(
        request,
        response,
        new UserError(429, "rate_limited", "Too much feedback from this address; try again later."),
      ),
  });
  router.post("/api/feedback", feedbackLimit, (request, response) => {
    const feedback = validate(feedbackSchema, request.body ?? undefined);
    const id = options.store.recordFeedback(feedback);
    response.status(201).json({ id });
  });
  router.get("/api/insights", (request, response) => {
    if (!options.mayReadInsights(request)) {
      throw new UserError(403, "forbidden", "insights need a private API key (one of API_KEYS)");
    }
    const query = validate(insightsQuerySchema, request.query);
    response.setHeader("Cache-Control", "no-store");
    response.json({ periodDays: query.days, ...options.store.insights(query.days) });
  });
  return router;
}
