import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { type RunningServer, startServer } from "../../src/server.js";

export interface TestServer {
  url: string;
  server: RunningServer;
  close(): Promise<void>;
}

/**
 * The real server on 127.0.0.1 and an ephemeral port, over the index built for this test run,
 * ready to answer, with a database of its own. `env` overrides the environment it is configured from.
 */
export async function startTestServer(env: Record<string, string> = {}, logger?: Logger): Promise<TestServer> {
  const config = loadConfig(
    {
      INDEX_DIR: inject("indexDir"),
      CORPUS_DIR: path.resolve("corpus"),
      LOG_LEVEL: "silent",
      // Each server keeps its questions and feedback apart unless a test gives the file.
      DATABASE_PATH: path.join(mkdtempSync(path.join(os.tmpdir(), "report-chat-db-")), "report-chat.db"),
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
    },
    process.cwd(),
  );
  const server = await startServer(config, logger ?? createLogger({ level: config.logLevel }));
  await server.ready;
  return { url: server.url, server, close: () => server.close() };
}
