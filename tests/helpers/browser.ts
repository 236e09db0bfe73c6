/** Chromium for browser tests, and host pages on another origin that embed the widget under a strict CSP. */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Flags for a headless browser that makes no connection of its own. */
const quietFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-quic",
];

/** Screenshots go here (git-ignored). */
export const artifactsDir = path.resolve("tests/artifacts");

/**
 * `CHROMIUM_PATH`, else Debian's Chromium when installed, else the Chromium that `@sparticuz/chromium`
 * ships inside its npm package (unpacked to the temporary folder on first use). Playwright never downloads one.
 */
export async function launchChromium(): Promise<Browser> {
  const systemChromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (existsSync(systemChromium)) return chromium.launch({ executablePath: systemChromium, args: quietFlags });
  const { default: packagedChromium } = await import("@sparticuz/chromium");
  return chromium.launch({
    executablePath: await packagedChromium.executablePath(),
    // Not the package's own flags: they turn off web security (CORS, which the tests check) and run one process.
    args: quietFlags,
    env: { ...process.env, FONTCONFIG_PATH: await writeFontConfig() },
  });
}

/**
 * A fontconfig folder that lists the CJK font shipped by `@expo-google-fonts/noto-sans-sc`, so that
 * screenshots of Chinese text show glyphs and not boxes on a machine with no system fonts.
 */
async function writeFontConfig(): Promise<string> {
  const fontPackage = path.dirname(
    createRequire(import.meta.url).resolve("@expo-google-fonts/noto-sans-sc/package.json"),
  );
  const folder = path.join(tmpdir(), "report-chat-fonts");
  await mkdir(folder, { recursive: true });
  const fontFolders = ["400Regular", "700Bold"].map((weight) => `  <dir>${path.join(fontPackage, weight)}</dir>`);
  await writeFile(
    path.join(folder, "fonts.conf"),
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      "<fontconfig>",
      ...fontFolders,
      `  <dir>${path.join(tmpdir(), "fonts")}</dir>`,
      `  <cachedir>${path.join(folder, "cache")}</cachedir>`,
      "</fontconfig>",
      "",
    ].join("\n"),
  );
  return folder;
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Console errors and uncaught exceptions of a page; CSP violations show up here as "Refused to …". */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

export interface HostPageServer {
  /** e.g. `http://127.0.0.1:41234` */
  origin: string;
  /**
   * URL of a page embedding `<apiUrl>/widget.js` with the given `data-*` attributes (without the `data-` prefix).
   * `api` is always set to `apiUrl` unless given.
   */
  embedUrl(apiUrl: string, attributes?: Record<string, string>, pageLanguage?: string): string;
  /** The same page without the widget, to compare globals. */
  plainUrl(apiUrl: string, pageLanguage?: string): string;
  close(): Promise<void>;
}

/**
 * A site on its own origin whose pages allow scripts and connections only to the API origin,
 * styles only from itself, and nothing inline.
 */
export async function startHostPageServer(): Promise<HostPageServer> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://host.invalid");
    const apiUrl = url.searchParams.get("apiUrl") ?? "";
    const apiOrigin = apiUrl ? new URL(apiUrl).origin : "'none'";
    const attributes = JSON.parse(url.searchParams.get("attributes") ?? "{}") as Record<string, string>;
    const pageLanguage = url.searchParams.get("pageLanguage") ?? "zh-CN";
    const withWidget = url.pathname === "/embed";
    if (url.pathname === "/favicon.ico") {
      response.writeHead(204).end();
      return;
    }
    response.writeHead(200, {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        `default-src 'self'; script-src ${apiOrigin}; style-src 'self'; ` + `connect-src ${apiOrigin}; img-src 'self'`,
    });
    response.end(renderHostPage({ apiUrl, attributes, pageLanguage, withWidget }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const pageUrl = (pathname: string, apiUrl: string, attributes: Record<string, string>, pageLanguage: string) => {
    const query = new URLSearchParams({ apiUrl, attributes: JSON.stringify(attributes), pageLanguage });
    return `${origin}${pathname}?${query.toString()}`;
  };
  return {
    origin,
    embedUrl: (apiUrl, attributes = {}, pageLanguage = "zh-CN") => pageUrl("/embed", apiUrl, attributes, pageLanguage),
    plainUrl: (apiUrl, pageLanguage = "zh-CN") => pageUrl("/plain", apiUrl, {}, pageLanguage),
    close: () => closeServer(server),
  };
}

function renderHostPage(options: {
  apiUrl: string;
  attributes: Record<string, string>;
  pageLanguage: string;
  withWidget: boolean;
}): string {
  const dataAttributes = Object.entries({ api: options.apiUrl, ...options.attributes })
    .map(([name, value]) => ` data-${name}="${escapeAttribute(value)}"`)
    .join("");
  const script = options.withWidget
    ? `<script src="${escapeAttribute(options.apiUrl)}/widget.js"${dataAttributes} async></script>`
    : "";
  return (
    `<!doctype html>
<html lang="${escapeAttribute(options.pageLanguage)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host ` +
    `site</title></head>
<body>
<h1>A site that embeds the report chat</h1>
<p>Some host content with <a href="#top" id="host-link">a link</a>.</p>
<label for="host-search">Search this site</label> <input id="host-search" type="search">
<button id="host-button" type="button">Host button</button>
${script}
</body>
</html>`
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
