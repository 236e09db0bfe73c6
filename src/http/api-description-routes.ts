import { Router } from "express";
import packageJson from "../../package.json" with { type: "json" };
import { createOpenApiDocument, type OpenApiDocument } from "./openapi-document.js";

/** `GET /openapi.json`: the OpenAPI 3.1 document of every route, generated once on first request. */
export function createApiDescriptionRouter(): Router {
  const router = Router();
  let document: OpenApiDocument | undefined;
  router.get("/openapi.json", (_request, response) => {
    document ??= createOpenApiDocument({ version: packageJson.version });
    response.json(document);
  });
  return router;
}
