#!/usr/bin/env node
/**
 * npm start: runs src/main.ts as one bundled ES module instead of through tsx.
 *
 * Why: under tsx every one of the ~150 source modules goes through a loader hook and a transform
 * round trip at each start, which made a restart after a crash take over 2 s on a 2-core server.
 * esbuild (tsx's own compiler) bundles our sources in about 0.1 s; packages stay in node_modules.
 * The bundle is kept in node_modules/.cache, named by a fingerprint of src/ and package-lock.json
 * (bin/code-fingerprint.mjs, which names the câu mẫu features' cache too),
 * so a restart with unchanged sources only imports it. Nothing is written into the source tree.
 *
 * If the bundle cannot be written (a read-only node_modules), or MOTCUA_START_WITH_TSX=1 is set
 * (to rule the bundle out when chasing a problem), the service runs through tsx as before.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { codeFingerprint } from "./code-fingerprint.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SRC = path.join(ROOT, "src");
const ENTRY = path.join(SRC, "main.ts");
const CACHE = path.join(ROOT, "node_modules", ".cache", "motcua-bot");

/**
 * Each module keeps its own import.meta.url (locales and SQL migrations are found relative to
 * their source file), so the bundle behaves exactly as the sources do under tsx.
 */
const keepModuleUrls = {
  name: "keep-module-urls",
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      const source = readFileSync(args.path, "utf8");
      if (!source.includes("import.meta.url")) return undefined;
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

async function bundle() {
  const dir = path.join(CACHE, codeFingerprint(ROOT));
  const main = path.join(dir, "main.mjs");
  if (existsSync(main)) return main;
  const { build } = await import("esbuild");
  const temp = `${dir}.${process.pid}.tmp`;
  rmSync(temp, { recursive: true, force: true });
  await build({
    entryPoints: { main: ENTRY },
    outdir: temp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // What the sources load only when needed (the staff console, Excel, the terminal chat) stays in
    // chunks of its own, loaded as late as under tsx.
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "silent",
    plugins: [keepModuleUrls],
  });
  pruneOldBundles();
  try {
    renameSync(temp, dir);
  } catch (err) {
    // Another process (a second test worker) put the same bundle there first.
    rmSync(temp, { recursive: true, force: true });
    if (!existsSync(main)) throw err;
  }
  return main;
}

/**
 * A running service may still load a chunk of its bundle (the staff console on first use), so a
 * bundle goes only when three newer ones exist and it is a day old: by then its service was restarted.
 */
function pruneOldBundles() {
  const day = 24 * 60 * 60 * 1000;
  const bundles = readdirSync(CACHE)
    .map((name) => ({ name, time: statSync(path.join(CACHE, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const { name, time } of bundles.slice(3)) {
    if (Date.now() - time > day) rmSync(path.join(CACHE, name), { recursive: true, force: true });
  }
}

let main;
try {
  if (process.env.MOTCUA_START_WITH_TSX !== "1") {
    mkdirSync(CACHE, { recursive: true });
    main = await bundle();
  }
} catch (err) {
  // Compile errors are reported by tsx below with the file and line; a read-only folder just falls back.
  if (process.env.MOTCUA_DEBUG_START) console.error(err);
}
if (main) {
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(main).href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(pathToFileURL(ENTRY).href);
}
