#!/usr/bin/env node
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
// Runs the command line (src/cli.ts) as one JavaScript file bundled by esbuild: start-up then costs
// no TypeScript compilation. The bundle is rebuilt whenever a source file is newer than it.
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sourceDir = path.join(root, "src");
const bundlePath = path.join(root, "dist", "server", "cli.mjs");

function newestSourceTime(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const entryPath = path.join(folder, entry.name);
    const time = entry.isDirectory() ? newestSourceTime(entryPath) : statSync(entryPath).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
}

function bundleIsFresh() {
  if (!existsSync(bundlePath)) return false;
  const bundleTime = statSync(bundlePath).mtimeMs;
  return (
    bundleTime >= newestSourceTime(sourceDir) && bundleTime >= statSync(path.join(root, "package-lock.json")).mtimeMs
  );
}

if (!bundleIsFresh()) {
  await build({
    entryPoints: [path.join(sourceDir, "cli.ts")],
    outfile: bundlePath,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "linked",
    logLevel: "warning",
  });
}

await import(pathToFileURL(bundlePath).href);
