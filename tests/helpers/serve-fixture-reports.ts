/** Reports of `tests/fixtures/reports`, alone in a temporary corpus, indexed and served on an ephemeral port. */
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { type RunningServer, startServer } from "../../src/server.js";

export interface FixtureReportServer {
  url: string;
  server: RunningServer;
  corpusDir: string;
  close(): Promise<void>;
}

export const FIXTURE_REPORTS = path.resolve("tests", "fixtures", "reports");

/** Serves copies of the given files (`folder/file` under the fixtures, or an absolute path) as one corpus. */
export async function serveFixtureReports(
  files: string[],
  env: Record<string, string> = {},
): Promise<FixtureReportServer> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), "report-chat-fixture-"));
  const corpusDir = path.join(workDir, "corpus");
  await mkdir(corpusDir);
  for (const file of files) {
    const source = path.isAbsolute(file) ? file : path.join(FIXTURE_REPORTS, file);
    await copyFile(source, path.join(corpusDir, path.basename(file)));
  }
  const config = loadConfig(
    {
      CORPUS_DIR: corpusDir,
      INDEX_DIR: path.join(workDir, "index"),
      WEB_ASSETS_DIR: path.join(workDir, "web"),
      DATABASE_PATH: path.join(workDir, "report-chat.db"),
      LOG_LEVEL: "silent",
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
    },
    process.cwd(),
  );
  const server = await startServer(config, createLogger({ level: "silent" }));
  await server.ready;
  return {
    url: server.url,
    server,
    corpusDir,
    close: async () => {
      await server.close();
      await rm(workDir, { recursive: true, force: true });
    },
  };
}
