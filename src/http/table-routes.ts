import { type Request, type Response, Router } from "express";
import { UserError } from "../errors.js";
import { tableToCsv } from "../tables/table-csv.js";
import type { TableStore } from "../tables/table-store.js";
import { figuresQuerySchema, tableIdSchema } from "./request-schemas.js";
import { validate } from "./validate.js";

export interface TableRouterOptions {
  /** The current table store; read on every request so that a rebuilt index is picked up. */
  getStore: () => TableStore;
}

function sendError(response: Response, error: UserError): void {
  response.status(error.status).json({ error: { code: error.code, message: error.message } });
}

function wantsCsv(request: Request): boolean {
  if (request.query.format === "csv") return true;
  if (request.query.format === "json") return false;
  return (
    request.accepts(["application/json", "text/csv"]) === "text/csv" && /text\/csv/u.test(request.get("accept") ?? "")
  );
}

/**
 * The report's tables and stated figures over HTTP:
 * `GET /api/tables`, `GET /api/tables/:id` (JSON, or CSV with `Accept: text/csv` or `?format=csv`)
 * and `GET /api/figures?q=`.
 */
export function createTableRouter(options: TableRouterOptions): Router {
  const router = Router();

  router.get("/api/tables", (_request, response) => {
    response.json({ tables: options.getStore().list() });
  });

  router.get("/api/tables/:id", (request, response) => {
    const id = validate(tableIdSchema, request.params.id);
    const table = options.getStore().get(id);
    if (!table) {
      sendError(response, new UserError(404, "table_not_found", `No table with id "${id}"`));
      return;
    }
    if (wantsCsv(request)) {
      response
        .type("text/csv; charset=utf-8")
        .set("Content-Disposition", `inline; filename="${table.id}.csv"`)
        .send(tableToCsv(table));
      return;
    }
    response.json(table);
  });

  router.get("/api/figures", (request, response) => {
    const query = validate(figuresQuerySchema, request.query).q;
    response.json({ query, figures: options.getStore().findFigures(query) });
  });

  return router;
}
