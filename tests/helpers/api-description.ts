import { OpenAPIBackend } from "openapi-backend";

export interface OpenApiOperation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

/** A response as the server sent it. */
export interface SentResponse {
  status: number;
  contentType: string | null;
  body: string;
}

/** The server's own `GET /openapi.json`, and what a response does that the document does not allow. */
export class ApiDescription {
  private constructor(
    readonly document: OpenApiDocument,
    private readonly backend: OpenAPIBackend,
  ) {}

  static async of(baseUrl: string): Promise<ApiDescription> {
    const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as OpenApiDocument;
    // The document is checked against the OpenAPI 3.1 schema by its own test; here it only validates responses.
    const backend = new OpenAPIBackend({ definition: structuredClone(document) as never, strict: false, quick: true });
    await backend.init();
    return new ApiDescription(document, backend);
  }

  operation(operationId: string): { path: string; method: string; operation: OpenApiOperation } {
    for (const [routePath, item] of Object.entries(this.document.paths))
      for (const [method, operation] of Object.entries(item))
        if (operation.operationId === operationId) return { path: routePath, method, operation };
    throw new Error(`no operation ${operationId} in the document`);
  }

  /** What is wrong with `response` as an answer of `operationId`: its status, its media type, its JSON body. */
  problemsOf(operationId: string, response: SentResponse): string[] {
    const described = this.operation(operationId).operation.responses[String(response.status)];
    if (!described) return [`${operationId} does not describe status ${response.status}`];
    const mediaType = (response.contentType ?? "").split(";")[0].trim();
    if (described.content && !Object.keys(described.content).includes(mediaType))
      return [`${operationId} ${response.status} does not describe ${mediaType || "no content type"}`];
    if (mediaType !== "application/json") return [];
    const result = this.backend.validateResponse(JSON.parse(response.body), operationId, response.status);
    return (result.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ""}`);
  }
}
