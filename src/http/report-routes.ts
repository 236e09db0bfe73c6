/** `GET /api/report`: what the interface says about the report, for the widget and other clients. */
import { Router } from "express";
import type { z } from "zod";
import type { ReportIdentity } from "../web/report-identity.js";
import type { reportIdentitySchema } from "./response-schemas.js";

export interface ReportRouterOptions {
  /** The identity of the loaded report; read on every request so that a rebuilt index is picked up. */
  getIdentity: () => ReportIdentity;
}

/** The report's names, description, placeholder and example questions, in both interface languages. */
export function createReportRouter(options: ReportRouterOptions): Router {
  const router = Router();
  router.get("/api/report", (_request, response) => {
    response.json(options.getIdentity() satisfies z.input<typeof reportIdentitySchema>);
  });
  return router;
}
