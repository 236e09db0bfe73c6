/** Probes for orchestrators and load balancers. */
import { Router } from "express";
import type { Runtime } from "../runtime.js";
import type { CircuitState } from "../upstream/circuit-breaker.js";

export interface HealthRouterOptions {
  runtime: Runtime;
  /** True once the server has begun shutting down. @default () => false */
  isDraining?: () => boolean;
  /** State of the chat model's circuit breaker; absent when no chat model is configured. */
  chatModelState?: () => CircuitState;
}

/** The body of `GET /readyz`. */
export interface Readiness {
  /** `ready` answers requests; `starting` is loading the index; `draining` is shutting down. */
  status: "ready" | "starting" | "draining";
  index: { status: "loading" } | { status: "loaded"; chunks: number; embedder: string; builtAt: string };
  /** How answers are written: `extractive` or `llm`. */
  mode?: string;
  /**
   * The chat model's circuit: `closed` (in use), `open` (failing; answers are extracted from the
   * report instead), `half-open` (one trial call decides), or `not_configured`.
   */
  chatModel: { circuit: CircuitState | "not_configured" };
}

/**
 * `GET /livez`: 200 as long as the process serves HTTP (a liveness probe, which must not fail
 * during a long first index build).
 * `GET /healthz`: 200 `{"status":"ok",…}` once the index is loaded, 503 before.
 * `GET /readyz`: 200 when requests are answered, 503 while starting or draining, with the state
 * of the index and of the chat model (a readiness probe).
 */
/** The probes' paths: answered before any budget, key or origin check. */
export const HEALTH_PROBE_PATHS = ["/livez", "/healthz", "/readyz"];

export function createHealthRouter(options: HealthRouterOptions): Router {
  const router = Router();
  const isDraining = options.isDraining ?? (() => false);

  router.get("/livez", (_request, response) => {
    response.json({ status: "alive" });
  });

  router.get("/healthz", (_request, response) => {
    if (!options.runtime.isReady) {
      response.status(503).json({ status: "starting" });
      return;
    }
    const { index, chat } = options.runtime.ready();
    const { manifest } = index;
    response.json({
      status: "ok",
      chunks: manifest.counts.chunks,
      embedder: manifest.embedder.id,
      mode: chat.mode,
      builtAt: manifest.builtAt,
    });
  });

  router.get("/readyz", (_request, response) => {
    const readiness = readinessOf(options.runtime, isDraining(), options.chatModelState);
    response.setHeader("Cache-Control", "no-store");
    response.status(readiness.status === "ready" ? 200 : 503).json(readiness);
  });

  return router;
}

function readinessOf(runtime: Runtime, draining: boolean, chatModelState: (() => CircuitState) | undefined): Readiness {
  const chatModel = { circuit: chatModelState ? chatModelState() : ("not_configured" as const) };
  if (!runtime.isReady) return { status: draining ? "draining" : "starting", index: { status: "loading" }, chatModel };
  const { index, chat } = runtime.ready();
  const { manifest } = index;
  return {
    status: draining ? "draining" : "ready",
    index: {
      status: "loaded",
      chunks: manifest.counts.chunks,
      embedder: manifest.embedder.id,
      builtAt: manifest.builtAt,
    },
    mode: chat.mode,
    chatModel,
  };
}
