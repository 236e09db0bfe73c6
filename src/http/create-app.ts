import express, { type Express } from "express";
import type { ChatService } from "../answer/chat-service.js";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Runtime } from "../runtime.js";
import type { InsightsStore } from "../store/insights-store.js";
import { recordingQuestions } from "../store/recording-chat-service.js";
import type { CircuitState } from "../upstream/circuit-breaker.js";
import type { WebAssets } from "../web/build-web-assets.js";
import { createApiDescriptionRouter } from "./api-description-routes.js";
import { requireApiKey } from "./api-key-auth.js";
import { createApiRouter } from "./api-routes.js";
import { createCorsMiddleware } from "./cors.js";
import { createDocumentRouter } from "./document-routes.js";
import { createErrorHandler, notFoundHandler } from "./error-handler.js";
import { createHealthRouter } from "./health-routes.js";
import { InFlightRequests } from "./in-flight-requests.js";
import { createInsightsRouter } from "./insights-routes.js";
import { parseJsonBodies } from "./json-body.js";
import { rejectMalformedUrls } from "./malformed-url.js";
import { createOpenAICompatibleErrorHandler } from "./openai-errors.js";
import { createOpenAICompatibleRouter } from "./openai-routes.js";
import { acceptPageTokens, createPageTokenRouter, createPrivateKeyCheck, PageTokens } from "./page-token.js";
import { createOtherRequestsLimit, mountRateLimits } from "./rate-limits.js";
import { createReportRouter } from "./report-routes.js";
import { createRequestLog } from "./request-log.js";
import { createSecurityHeaders } from "./security-headers.js";
import { createTableRouter } from "./table-routes.js";
import { trustProxySettingOf } from "./trust-proxy.js";
import { createWebRouter } from "./web-routes.js";

export interface AppDependencies {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  /** The built chat page and widget; without them only the APIs are served. */
  webAssets?: WebAssets;
  /** Tracks requests in flight for a graceful shutdown; `/readyz` reports its draining state. */
  inFlight?: InFlightRequests;
  /** State of the chat model's circuit breaker, reported by `/readyz`; absent without a chat model. */
  chatModelState?: () => CircuitState;
  /** Where questions and feedback are kept; without it nothing is recorded and the insight routes are absent. */
  insights?: InsightsStore;
}

export const BODY_LIMIT = "64kb";

/**
 * The Express application, without listening: `server.ts` listens, tests call it on port 0.
 *
 * Every request passes, in order: in-flight tracking, the request log, security headers, the
 * malformed-URL check, the health probes (open to all), the budget of requests that are neither
 * answers nor lookups, CORS, the answer and lookup budgets, the API key check,
 * the JSON body parser, then the routers.
 */
export function createApp(dependencies: AppDependencies): Express {
  const { config, logger, runtime, webAssets } = dependencies;
  const inFlight = dependencies.inFlight ?? new InFlightRequests(logger);
  const app = express();
  app.disable("x-powered-by");
  // Answers change with every question: hashing each JSON body for an ETag costs time and saves nothing.
  // The page and widget carry their own ETags, computed once when they are built.
  app.set("etag", false);
  const trustProxy = trustProxySettingOf(config.trustProxy);
  if (trustProxy === true)
    logger.warn(
      "TRUST_PROXY=true believes any X-Forwarded-For, so clients can pick the address their rate limits " +
        "count; give the number of proxies or their addresses instead",
    );
  app.set("trust proxy", trustProxy);
  app.use(inFlight.middleware);
  app.use(createRequestLog(logger));
  app.use(createSecurityHeaders());
  app.use(rejectMalformedUrls);
  // The OpenAPI document is open to all, like the health probes.
  app.use(createApiDescriptionRouter());
  app.use(
    createHealthRouter({ runtime, isDraining: () => inFlight.isDraining, chatModelState: dependencies.chatModelState }),
  );
  app.use(createOtherRequestsLimit({ ...config.rateLimit, logger }));
  app.use(createCorsMiddleware({ allowedOrigins: config.allowedOrigins, logger }));
  mountRateLimits(app, { ...config.rateLimit, logger });
  const keyCheck = requireApiKey({
    apiKeys: config.apiKeys,
    publicApiKeys: config.publicApiKeys,
    allowedOrigins: config.allowedOrigins,
    logger,
  });
  // With API keys required, the chat page served here calls its own API with short-lived page tokens.
  const pageTokens = config.apiKeys.length > 0 ? new PageTokens({ secret: config.pageTokenSecret }) : undefined;
  app.use(["/api", "/v1"], pageTokens ? acceptPageTokens(pageTokens, keyCheck) : keyCheck);
  app.use(parseJsonBodies(BODY_LIMIT));
  const { insights } = dependencies;
  // Every question answered is noted in the insights store, when there is one.
  const recorded = (chat: ChatService) => (insights ? recordingQuestions(chat, insights, logger) : chat);
  if (insights)
    app.use(
      createInsightsRouter({
        store: insights,
        mayReadInsights: createPrivateKeyCheck(config.apiKeys),
        // A reader rates at most each answer they got: the chat budget bounds it.
        feedbackBudget: { windowMs: config.rateLimit.windowMs, limit: config.rateLimit.chat },
      }),
    );
  app.use(
    createApiRouter({
      getChatService: (document) =>
        recorded(document === undefined ? runtime.ready().chat : runtime.ready().chatForDocument(document)),
      getIndex: () => runtime.ready().index,
      logger,
      logQuestions: config.logQuestions,
    }),
  );
  app.use(createTableRouter({ getStore: () => runtime.ready().index.tables }));
  app.use(createReportRouter({ getIdentity: () => runtime.ready().identity }));
  app.use(
    createDocumentRouter({ corpusDir: config.corpusDir, getDocuments: () => runtime.ready().index.manifest.documents }),
  );
  // API keys are checked above for `/api` and `/v1` alike, so the router is given none of its own.
  app.use(
    createOpenAICompatibleRouter({
      getChatService: () => recorded(runtime.ready().chat),
      modelName: config.modelName,
      logger,
    }),
  );
  // The body parser runs before the routers; its errors on /v1 (malformed JSON, too large) are answered in OpenAI's
  // shape here.
  app.use("/v1", createOpenAICompatibleErrorHandler(logger));
  if (pageTokens) app.use(createPageTokenRouter(pageTokens));
  if (webAssets)
    app.use(createWebRouter({ assets: webAssets, issuePageToken: pageTokens && (() => pageTokens.issue()) }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
