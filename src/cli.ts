import { copyFile, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "./config.js";
import { createChatService } from "./create-chat-service.js";
import { AppError } from "./errors.js";
import { readQuestionSet } from "./eval/question-set.js";
import { formatEvalReport, runEval } from "./eval/run-eval.js";
import { createLogger } from "./logger.js";
import { type BuildProgress, buildIndex } from "./retrieval/build-index.js";
import { ensureIndex } from "./retrieval/ensure-index.js";
import { embedderSettingsOf, languageModelOf, startServer } from "./server.js";
import type { ChatResponse } from "./types.js";
import { buildWebAssets } from "./web/build-web-assets.js";

const USAGE = `usage:
  npm start                      serve the assistant (builds the index first when needed)
  npm run ingest                 rebuild the index from corpus/
  npm run ask -- "问题"           answer one question in the terminal
  npm run eval [-- --set FILE]   measure retrieval and answers on a question set
  npm run eval -- --report DIR   ingest the report in DIR alone (report.txt or report.pdf) and measure it on
                                 DIR/questions.jsonl; repeat --report to measure several, each separately
  npm run build                  build the chat page and widget`;

function progressLine(progress: BuildProgress): string {
  if (progress.stage === "save") return "saving the index";
  const share = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 100;
  const source = "source" in progress ? ` ${progress.source}` : "";
  return `${progress.stage.padEnd(9)}${source} ${String(share).padStart(3)}% (${progress.done}/${progress.total})`;
}

function showProgress(progress: BuildProgress): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[K${progressLine(progress)}`);
  else if (progress.stage === "save" || ("done" in progress && progress.done === progress.total))
    process.stderr.write(`${progressLine(progress)}\n`);
}

/**
 * Exits on SIGTERM and SIGINT with the shell's codes (143, 130) through `process.exit`, so that
 * exit handlers run: the ingest lock is released and a half-written build folder removed.
 */
function exitOnSignals(): void {
  process.once("SIGTERM", () => process.exit(143));
  process.once("SIGINT", () => process.exit(130));
}

async function ingest(config: Config): Promise<void> {
  exitOnSignals();
  const started = Date.now();
  const { manifest, buildDir } = await buildIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    embedder: embedderSettingsOf(config),
    chunker: config.chunker,
    onProgress: showProgress,
  });
  if (process.stderr.isTTY) process.stderr.write("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(2);
  console.log(
    `indexed ${manifest.corpus.sources.join(", ")}: ${manifest.counts.chunks} chunks,` +
      ` ${manifest.counts.sections} sections, ` +
      `${manifest.counts.tables} tables, ${manifest.counts.figures} figure records; embedder ${manifest.embedder.id} ` +
      `(${manifest.embedder.dimension} dims); ${seconds} s -> ${path.relative(process.cwd(), buildDir)}`,
  );
}

function printAnswer(response: ChatResponse): void {
  console.log(`\n${response.answer}\n`);
  if (response.notice) console.log(`(${response.notice})\n`);
  for (const citation of response.citations) {
    const page = citation.page !== undefined ? `, p. ${citation.page}` : "";
    console.log(`[${citation.id}] ${citation.section}${page}`);
    console.log(`    ${citation.text.replace(/\s+/gu, " ").slice(0, 220)}${citation.text.length > 220 ? "…" : ""}`);
  }
  if (response.figures.length > 0) {
    console.log("\nfigures:");
    for (const figure of response.figures) {
      console.log(
        `  ${figure.value}${figure.unit ? ` ${figure.unit}` : ""}  ${figure.label ?? ""}  ` +
          `[${figure.citation}]${figure.derivation ? `  = ${figure.derivation}` : ""}`,
      );
    }
  }
  console.log(`\nmode: ${response.mode}${response.found ? "" : " (not found in the report)"}`);
}

async function buildWeb(config: Config): Promise<void> {
  const assets = await buildWebAssets({ outDir: config.webAssetsDir });
  console.log(
    `built the chat page and widget into ${path.relative(process.cwd(), assets.outDir)}: ` +
      `widget.js ${(assets.widget.body.length / 1024).toFixed(1)} KB,` +
      ` ${(assets.widgetGzippedBytes / 1024).toFixed(1)} KB gzipped`,
  );
}

async function ask(config: Config, question: string): Promise<void> {
  const logger = createLogger({ level: "warn" });
  const index = await ensureIndex({
    corpusDir: config.corpusDir,
    indexDir: config.indexDir,
    embedder: embedderSettingsOf(config),
    chunker: config.chunker,
    onProgress: showProgress,
  });
  const chat = createChatService({
    index,
    logger,
    mode: config.answerMode,
    languageModel: await languageModelOf(config, logger, undefined, index.profile.title),
  });
  printAnswer(await chat.answer({ messages: [{ role: "user", content: question }] }));
}

/**
 * Measures one report on its own: the report file of `folder` is copied into a temporary corpus,
 * indexed into a temporary index and asked `folder/questions.jsonl`.
 */
async function evaluateReport(config: Config, folder: string): Promise<void> {
  const reportFiles = (await readdir(folder)).filter((name) => /\.(txt|pdf)$/iu.test(name)).sort();
  if (reportFiles.length === 0) throw new AppError("usage", `${folder} holds no .txt or .pdf report`);
  const workDir = await mkdtemp(path.join(tmpdir(), "report-chat-eval-"));
  try {
    const corpusDir = path.join(workDir, "corpus");
    await mkdir(corpusDir);
    for (const name of reportFiles) await copyFile(path.join(folder, name), path.join(corpusDir, name));
    console.log(`report: ${folder} (${reportFiles.join(", ")})`);
    await evaluate(
      { ...config, corpusDir, indexDir: path.join(workDir, "index") },
      path.join(folder, "questions.jsonl"),
    );
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

async function evaluate(config: Config, setFile: string): Promise<void> {
  const questions = await readQuestionSet(setFile);
  // The evaluation is one client asking many questions: no rate limit applies to it.
  const unlimited = { ...config.rateLimit, chat: Number.MAX_SAFE_INTEGER, search: Number.MAX_SAFE_INTEGER };
  const server = await startServer(
    { ...config, port: 0, host: "127.0.0.1", rateLimit: unlimited },
    createLogger({ level: "silent" }),
  );
  try {
    await server.ready;
    const report = await runEval(server.url, questions);
    console.log(`question set: ${setFile}\n`);
    console.log(formatEvalReport(report));
  } finally {
    await server.close();
  }
}

/**
 * Serves until SIGTERM or SIGINT, then shuts down gracefully: after SIGTERM, `/readyz` says
 * draining while the server still serves for `SHUTDOWN_DRAIN_MS` (an orchestrator's load balancer
 * needs that long to stop sending); SIGINT (Ctrl-C) skips that window. Then no new connections,
 * answers in flight finish (up to `SHUTDOWN_TIMEOUT_MS`), exit code 0. A second signal exits at once.
 */
async function serve(config: Config): Promise<void> {
  const logger = createLogger({ level: config.logLevel });
  const server = await startServer(config, logger);
  logger.info({ url: server.url }, "listening");
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    stopping = true;
    const drainMs = signal === "SIGTERM" ? config.shutdownDrainMs : 0;
    logger.info({ signal, drainMs, timeoutMs: config.shutdownTimeoutMs }, "shutting down");
    void server.shutDown({ drainMs }).then(
      (outcome) => {
        logger.info(outcome, "stopped");
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  // Registered before the index is ready, so that a shutdown during a long first build is graceful too.
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  await server.ready;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const config = loadConfig();
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { set: { type: "string" }, report: { type: "string", multiple: true } },
  });
  switch (command) {
    case "serve":
      return serve(config);
    case "ingest":
      return ingest(config);
    case "ask":
      if (positionals.length === 0) throw new AppError("usage", USAGE);
      return ask(config, positionals.join(" "));
    case "build":
      return buildWeb(config);
    case "eval":
      if (values.report) {
        for (const [position, folder] of values.report.entries()) {
          if (position > 0) console.log("");
          await evaluateReport(config, path.resolve(folder));
        }
        return;
      }
      return evaluate(config, path.resolve(values.set ?? path.join("tests", "eval", "dev.jsonl")));
    default:
      throw new AppError("usage", USAGE);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof AppError ? `error: ${error.message}` : error);
  process.exit(1);
});
