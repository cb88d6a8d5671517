// Whether dist/ was built from the sources as they are now. The build records the sources'
// fingerprint (newest mtime and file count under src/) in dist/stamp.json; bin/duban.js runs
// dist only while the fingerprint still matches, so an edit to src/ (or a `prisma generate`
// into src/generated) falls back to running the sources through tsx, never stale code.
// A walk of src/ is ~200 stats, a few milliseconds.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
export const SRC = `${ROOT}src`;
export const STAMP = `${ROOT}dist/stamp.json`;

/** The newest modification time and the number of files under src/. */
export function sourceFingerprint() {
  let newest = 0;
  let files = 0;
  for (const entry of readdirSync(SRC, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    files++;
    newest = Math.max(newest, statSync(`${entry.parentPath ?? entry.path}/${entry.name}`).mtimeMs);
  }
  return { newest, files };
}

/** dist/ exists and was built from exactly these sources (or there are no sources to run). */
export function distIsCurrent() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, "utf8"));
  } catch {
    return false; // no build, or one that did not finish
  }
  let now;
  try {
    now = sourceFingerprint();
  } catch {
    return true; // an install without src/: dist is all there is
  }
  return stamp.newest === now.newest && stamp.files === now.files;
}
