// A new PGlite data folder is filled from a template instead of running initdb: initdb in PGlite
// 0.5 runs a second PostgreSQL in the same process and copies its whole 128 MB heap, which made a
// first start take ~12 s and peak at ~800 MB; unpacking the template takes ~2.5 s and ~290 MB.
// The template is an empty cluster made once by `npm run build` (so by `npm install`) into
// node_modules/.cache, named by the PGlite version, so it is always one this PGlite made. Without
// it (a build that could not write there) PGlite runs initdb as before.
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { z } from "zod";

const require = createRequire(import.meta.url);
// the package exports no package.json: read it next to its entry point (dist/index.cjs)
const PGLITE_PACKAGE = path.join(path.dirname(require.resolve("@electric-sql/pglite")), "..", "package.json");

async function templatePath(): Promise<string> {
  const { version } = z.object({ version: z.string() }).parse(JSON.parse(await readFile(PGLITE_PACKAGE, "utf8")));
  return fileURLToPath(new URL(`../../node_modules/.cache/duban/pglite-${version}.tar.gz`, import.meta.url));
}

/** Makes the template (an empty cluster, as initdb leaves it) unless this PGlite's is there. */
export async function makeTemplate(): Promise<string> {
  const file = await templatePath();
  if (existsSync(file)) return file;
  const pg = await PGlite.create();
  const tar = Buffer.from(await (await pg.dumpDataDir("gzip")).arrayBuffer());
  await pg.close();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.tmp`, tar);
  await rename(`${file}.tmp`, file); // never a half-written template
  return file;
}

/** PGlite's option to start a data folder with no cluster yet from the template, when there is one. */
export async function fromTemplate(dataDir: string): Promise<{ loadDataDir?: Blob }> {
  if (!dataDir.startsWith("memory://") && existsSync(path.join(dataDir, "PG_VERSION"))) return {};
  const file = await templatePath();
  return existsSync(file) ? { loadDataDir: new Blob([await readFile(file)]) } : {};
}
