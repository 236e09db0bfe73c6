import { Router } from "express";
import type { Runtime } from "../runtime.js";

/** `GET /healthz`: 200 once the index is loaded, 503 before. */
export function createHealthRouter(runtime: Runtime): Router {
  const router = Router();
  router.get("/healthz", (_request, response) => {
    if (!runtime.isReady) {
      response.status(503).json({ status: "starting" });
      return;
    }
    const { manifest } = runtime.ready().index;
    response.json({ status: "ok", chunks: manifest.counts.chunks, embedder: manifest.embedder.id, mode: runtime.ready().chat.mode, builtAt: manifest.builtAt });
  });
  return router;
}
