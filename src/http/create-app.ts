import express, { type Express } from "express";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import type { Runtime } from "../runtime.js";
import { createApiRouter } from "./api-routes.js";
import { createErrorHandler, notFoundHandler } from "./error-handler.js";
import { createHealthRouter } from "./health-routes.js";

export interface AppDependencies {
  config: Config;
  logger: Logger;
  runtime: Runtime;
}

export const BODY_LIMIT = "64kb";

/** The Express application, without listening: `server.ts` listens, tests call it on port 0. */
export function createApp(dependencies: AppDependencies): Express {
  const { config, logger, runtime } = dependencies;
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: BODY_LIMIT, type: ["application/json", "application/*+json"] }));
  app.use(createHealthRouter(runtime));
  app.use(createApiRouter({ getChatService: () => runtime.ready().chat, logger, logQuestions: config.logQuestions }));
  app.use(notFoundHandler);
  app.use(createErrorHandler(logger));
  return app;
}
