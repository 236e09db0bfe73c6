/** The OpenAPI 3.1 document of the HTTP API, generated from the zod schemas that validate requests. */
import { createDocument, type oas31 } from "zod-openapi";
import { apiPaths } from "./api-operations.js";

export interface OpenApiDocumentOptions {
  /** The service's version, e.g. package.json's. */
  version: string;
}

export type OpenApiDocument = oas31.OpenAPIObject;

export function createOpenApiDocument(options: OpenApiDocumentOptions): OpenApiDocument {
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "report-chat",
      version: options.version,
      description:
        "Answers questions about a report with the passages and figures that prove each answer. " +
        'Errors are `{"error":{"code","message"}}` with a 4xx for bad input (the /v1 routes use OpenAI\'s ' +
        "error shape). When the server is configured with API keys, send one as `Authorization: Bearer <key>`.",
    },
    security: [{}, { bearerAuth: [] }],
    components: { securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } } },
    paths: apiPaths,
  });
}
