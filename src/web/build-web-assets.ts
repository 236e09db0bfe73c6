/** Builds the browser code (widget and chat page) with esbuild into content-hashed files the web router serves. */
import { createHash } from "node:crypto";
import { constants, existsSync } from "node:fs";
import { access, mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import type { InterfaceLanguage } from "./components/ui-texts.js";
import { renderInsightsPageHtml } from "./insights/insights-html.js";
import { renderChatPageHtml } from "./page/page-html.js";
import type { ReportIdentity } from "./report-identity.js";

/** One file ready to serve: its bytes, a gzipped copy and their entity tags. */
export interface WebAsset {
  /** URL path it is served at, e.g. `/assets/page-1a2b3c4d5e.js`. */
  urlPath: string;
  contentType: string;
  body: Buffer;
  gzippedBody: Buffer;
  /** Strong entity tag of `body`, quotes included. */
  etag: string;
  /** Strong entity tag of `gzippedBody`. */
  gzippedEtag: string;
}

/** Everything `createWebRouter` serves. */
export interface WebAssets {
  /** The embed script at its stable URL `/widget.js` (short cache). */
  widget: WebAsset;
  /** The chat page (`GET /`) in each interface language. */
  pages: Record<InterfaceLanguage, WebAsset>;
  /** The site owner's page of questions and feedback (`GET /insights`). */
  insightsPage: WebAsset;
  /** Content-hashed files under `/assets/`, keyed by URL path (cached for good). */
  hashedAssets: Map<string, WebAsset>;
  /** URL path of the widget's hashed copy, for hosts that want an immutable URL. */
  widgetHashedPath: string;
  /** Size of the gzipped widget in bytes. */
  widgetGzippedBytes: number;
  /** Where the files were written. */
  outDir: string;
  /**
   * Why the copy in `outDir` could not be written (a read-only folder), when it could not; the
   * files are served from memory all the same.
   */
  unwritten?: string;
}

export interface BuildWebAssetsOptions {
  /** Folder the built files are written to (created if missing). */
  outDir: string;
  /** @default true */
  minify?: boolean;
}

/** Error of a failed esbuild run, with the messages it reported. */
export class WebAssetBuildError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = "WebAssetBuildError";
  }
}

/**
 * The folder of the browser sources: beside this module, or under `src/web` of the package when this module is
 * bundled.
 */
function findSourceDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  if (existsSync(path.join(here, "widget", "widget-entry.ts"))) return here;
  for (let folder = here; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, "package.json"))) return path.join(folder, "src", "web");
  }
  throw new WebAssetBuildError(`cannot find the browser sources (src/web) from ${here}`);
}

const sourceDir = findSourceDir();
const javascriptType = "text/javascript; charset=utf-8";

/** Bundles `widget.js` (one IIFE with its styles inside), the page script and the page stylesheet. */
export async function buildWebAssets(options: BuildWebAssetsOptions): Promise<WebAssets> {
  const minify = options.minify ?? true;
  const [widgetCode, pageCode, pageStyle, insightsCode] = await Promise.all([
    bundle({ entryPoints: [path.join(sourceDir, "widget", "widget-entry.ts")], loader: { ".css": "text" } }, minify),
    bundle({ entryPoints: [path.join(sourceDir, "page", "page-entry.ts")] }, minify),
    bundle({ entryPoints: [path.join(sourceDir, "page", "page.css")] }, minify),
    bundle({ entryPoints: [path.join(sourceDir, "insights", "insights-entry.ts")] }, minify),
  ]);
  const widgetHashed = createAsset(hashedPath("widget", widgetCode, "js"), javascriptType, widgetCode);
  const pageScript = createAsset(hashedPath("page", pageCode, "js"), javascriptType, pageCode);
  const pageStylesheet = createAsset(hashedPath("page", pageStyle, "css"), "text/css; charset=utf-8", pageStyle);
  const insightsScript = createAsset(hashedPath("insights", insightsCode, "js"), javascriptType, insightsCode);
  const assets: WebAssets = {
    widget: createAsset("/widget.js", javascriptType, widgetCode),
    pages: renderPages(pageScript.urlPath, pageStylesheet.urlPath),
    insightsPage: createAsset(
      "/insights",
      "text/html; charset=utf-8",
      Buffer.from(renderInsightsPageHtml({ scriptPath: insightsScript.urlPath, stylePath: pageStylesheet.urlPath })),
    ),
    hashedAssets: new Map(
      [widgetHashed, pageScript, pageStylesheet, insightsScript].map((asset) => [asset.urlPath, asset]),
    ),
    widgetHashedPath: widgetHashed.urlPath,
    widgetGzippedBytes: widgetHashed.gzippedBody.length,
    outDir: options.outDir,
  };
  try {
    await writeAssets(assets);
  } catch (error) {
    // A read-only mount can fail `mkdir -p` with ENOENT: whether the folder is writable decides.
    const unwritable = await access(options.outDir, constants.W_OK).then(
      () => undefined,
      (probe: NodeJS.ErrnoException) => probe.code,
    );
    if (unwritable === undefined || unwritable === "ENOENT") throw error;
    assets.unwritten = `${options.outDir} is not writable (${unwritable})`;
  }
  return assets;
}

function renderPages(scriptPath: string, stylePath: string, identity?: ReportIdentity): WebAssets["pages"] {
  const renderPage = (language: InterfaceLanguage): WebAsset =>
    createAsset(
      "/",
      "text/html; charset=utf-8",
      Buffer.from(renderChatPageHtml({ language, scriptPath, stylePath, identity })),
    );
  return { zh: renderPage("zh"), en: renderPage("en") };
}

/** Renders the chat pages again, naming the report (once its index, and so its profile, is loaded). */
export function nameReportInPages(assets: WebAssets, identity: ReportIdentity): void {
  const scriptPath = [...assets.hashedAssets.keys()].find((urlPath) => /\/page-[0-9a-f]+\.js$/u.test(urlPath)) ?? "";
  const stylePath = [...assets.hashedAssets.keys()].find((urlPath) => /\/page-[0-9a-f]+\.css$/u.test(urlPath)) ?? "";
  assets.pages = renderPages(scriptPath, stylePath, identity);
}

async function bundle(entry: Pick<BuildOptions, "entryPoints" | "loader">, minify: boolean): Promise<Buffer> {
  try {
    const result = await build({
      ...entry,
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      target: ["es2020", "chrome90", "firefox90", "safari15"],
      charset: "utf8",
      legalComments: "none",
      minify,
      logLevel: "silent",
    });
    const output = result.outputFiles[0];
    if (!output) throw new WebAssetBuildError(`esbuild produced no output for ${String(entry.entryPoints)}`);
    return Buffer.from(output.contents);
  } catch (error) {
    if (error instanceof WebAssetBuildError) throw error;
    throw new WebAssetBuildError(`Building ${String(entry.entryPoints)} failed: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function contentHash(body: Buffer): string {
  return createHash("sha256").update(body).digest("base64url").slice(0, 22);
}

function hashedPath(name: string, body: Buffer, extension: string): string {
  return `/assets/${name}-${createHash("sha256").update(body).digest("hex").slice(0, 10)}.${extension}`;
}

function createAsset(urlPath: string, contentType: string, body: Buffer): WebAsset {
  const gzippedBody = gzipSync(body, { level: 9 });
  const hash = contentHash(body);
  return { urlPath, contentType, body, gzippedBody, etag: `"${hash}"`, gzippedEtag: `"${hash}-gzip"` };
}

/** Writes the files so a build can be inspected or served by another server; stale hashed files are removed. */
async function writeAssets(assets: WebAssets): Promise<void> {
  const assetsDir = path.join(assets.outDir, "assets");
  await mkdir(assetsDir, { recursive: true });
  const current = new Set([...assets.hashedAssets.keys()].map((urlPath) => path.basename(urlPath)));
  for (const name of await readdir(assetsDir)) {
    if (!current.has(name) && /^(widget|page|insights)-[0-9a-f]{10}\.(js|css)$/.test(name))
      await rm(path.join(assetsDir, name));
  }
  const writes = [...assets.hashedAssets.values()].map((asset) =>
    writeFile(path.join(assets.outDir, asset.urlPath), asset.body),
  );
  writes.push(writeFile(path.join(assets.outDir, "widget.js"), assets.widget.body));
  writes.push(writeFile(path.join(assets.outDir, "index.html"), assets.pages.zh.body));
  writes.push(writeFile(path.join(assets.outDir, "index.en.html"), assets.pages.en.body));
  const manifest = {
    widget: "/widget.js",
    widgetHashed: assets.widgetHashedPath,
    widgetGzippedBytes: assets.widgetGzippedBytes,
    assets: [...assets.hashedAssets.keys()],
  };
  writes.push(writeFile(path.join(assets.outDir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`));
  await Promise.all(writes);
}
