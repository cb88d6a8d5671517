// `npm run build` (also run by `npm install` after `prisma generate`): compiles src/, the
// generated Prisma client included, to dist/ with tsc, copies the dashboard's static files next
// to the code that reads them, and writes dist/stamp.json, which tells bin/duban.js that dist/
// matches src/. Plain JavaScript so that it runs before anything is compiled.
import { spawnSync } from "node:child_process";
import { cpSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { ROOT, STAMP, sourceFingerprint } from "../bin/source-stamp.js";

// taken before compiling: a file saved during the build makes the stamp older than the sources
const fingerprint = sourceFingerprint();
rmSync(`${ROOT}dist`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const result = spawnSync(process.execPath, [tsc, "-p", `${ROOT}tsconfig.build.json`], { stdio: "inherit" });
if (result.status !== 0) {
  console.error("build failed: dist/ left without a stamp, bin/duban.js runs the sources through tsx");
  process.exit(result.status ?? 1);
}
// read through import.meta.url by src/http/dashboard.ts and src/http/sign-in.ts
cpSync(`${ROOT}src/http/public`, `${ROOT}dist/http/public`, { recursive: true });
writeFileSync(STAMP, `${JSON.stringify(fingerprint)}\n`);

// the empty cluster a new data folder starts from (src/store/pglite-template.ts); without it the
// service runs initdb itself, slower and with a higher peak, so a failure here is only a warning
try {
  const { makeTemplate } = await import("../dist/store/pglite-template.js");
  await makeTemplate();
} catch (e) {
  console.warn(`no PGlite template (a new data folder runs initdb instead): ${e instanceof Error ? e.message : String(e)}`);
}
