import express, { type Express } from "express";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Runtime } from "../runtime.js";
import type { WebAssets } from "../web/build-web-assets.js";
import { createApiRouter } from "./api-routes.js";
import { createCorsMiddleware } from "./cors.js";
import { createErrorHandler, notFoundHandler } from "./error-handler.js";
import { createHealthRouter } from "./health-routes.js";
import { createOpenAICompatibleRouter } from "./openai-routes.js";
import { createTableRouter } from "./table-routes.js";
import { createWebRouter } from "./web-routes.js";

export interface AppDependencies {
  config: Config;
  logger: Logger;
  runtime: Runtime;
  /** The built chat page and widget; without them only the APIs are served. */
  webAssets?: WebAssets;
}

export const BODY_LIMIT = "64kb";

/** The Express application, without listening: `server.ts` listens, tests call it on port 0. */
export function createApp(dependencies: AppDependencies): Express {
  const { config, logger, runtime, webAssets } = dependencies;
  const app = express();
  app.disable("x-powered-by");
  app.use(createCorsMiddleware({ allowedOrigins: config.allowedOrigins, logger }));
  app.use(express.json({ limit: BODY_LIMIT, type: ["application/json", "application/*+json"] }));
  app.use(createHealthRouter(runtime));
  app.use(createApiRouter({ getChatService: () => runtime.ready().chat, logger, logQuestions: config.logQuestions }));
  app.use(createTableRouter({ getStore: () => runtime.ready().index.tables }));
  app.use(createOpenAICompatibleRouter({ getChatService: () => runtime.ready().chat, modelName: config.modelName, logger, apiKeys: config.apiKeys }));
  if (webAssets) app.use(createWebRouter({ assets: webAssets }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
