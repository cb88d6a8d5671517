#!/usr/bin/env node
// Runs the compiled service (dist/, built by `npm install` or `npm run build`) when it matches
// the sources, and the TypeScript sources through tsx otherwise, so `npx duban …` needs no
// build step and an edited src/ is never shadowed by stale compiled code. The compiled code
// starts faster and leaves out tsx's loader, which stays resident otherwise.
import { setFlagsFromString } from "node:v8";
import { distIsCurrent } from "./source-stamp.js";

// PGlite's PostgreSQL and Prisma's query compiler are WebAssembly (9 MB and 2 MB). V8 compiles
// them with its baseline compiler (Liftoff), then recompiles hot functions with TurboFan on
// background threads: measured on 1,000 chat messages, keeping Liftoff's code only used ~25%
// less CPU (start-up 3.7 → 2.5 s of CPU, 62 → 53 ms a message on 2 busy cores) and ~40 MB less
// memory (363 → 322 MB resident). Set before any WebAssembly is compiled.
setFlagsFromString("--liftoff-only");
// Each chat message leaves megabytes of garbage, and V8's default heap growth let the heap reach
// ~180 MB for ~50 MB live: growing it by 25% at a time held the service at 228 MB resident after
// 1,000 messages instead of 314 MB, for ~5% more CPU (51 vs 50 ms a message, within the noise).
setFlagsFromString("--heap-growing-percent=25");

if (distIsCurrent()) {
  await import("../dist/cli.js");
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import("../src/cli.ts");
}
