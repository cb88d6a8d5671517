#!/usr/bin/env node
// Runs the compiled service (dist/, built by `npm install` or `npm run build`) when it matches
// the sources, and the TypeScript sources through tsx otherwise, so `npx duban …` needs no
// build step and an edited src/ is never shadowed by stale compiled code. The compiled code
// starts faster and leaves out tsx's loader, which stays resident otherwise.
import { distIsCurrent } from "./source-stamp.js";

if (distIsCurrent()) {
  await import("../dist/cli.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
