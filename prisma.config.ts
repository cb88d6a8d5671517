// Prisma's CLI (generate, migrate diff) runs on its WASM engines with a PGlite adapter,
// so nothing is downloaded: government intranets and our CI cannot reach the engine host.
// The running service does not use this file; it migrates itself (src/store/migrator.ts).
import path from "node:path";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";

// The schema's datasource needs a URL for the CLI to read it even though the WASM engines never
// connect with it; without one Prisma falls back to downloading the native query engine.
process.env.DATABASE_URL ??= "postgresql://localhost/duban-cli-unused";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // typed against an older @prisma/driver-adapter-utils; same protocol (see src/store/database.ts)
    const adapter: unknown = new PrismaPGlite(new PGlite(process.env.PRISMA_PGLITE_DIR ?? "memory://"));
    return adapter as SqlMigrationAwareDriverAdapterFactory;
  },
});
