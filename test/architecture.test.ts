// The one rule of imports (ARCHITECTURE.md): domain imports nothing outside domain; the store
// knows no consumer; report, reminders and bot are siblings that share domain and the store, not
// each other; catalog does not import nlu. Read from the sources, so a new import that breaks the
// rule fails here with the file and the import named.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const SRC = path.resolve(import.meta.dirname, "../src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sources(full);
    return name.endsWith(".ts") ? [full] : [];
  });
}

/** The src area ("domain", "store", …) each relative import of a file points into. */
function importsOf(file: string): { spec: string; area: string }[] {
  const text = readFileSync(file, "utf8");
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!);
  return specs.map((spec) => ({ spec, area: areaOf(path.resolve(path.dirname(file), spec)) }));
}

function areaOf(abs: string): string {
  const rel = path.relative(SRC, abs);
  const [first, ...rest] = rel.split(path.sep);
  return rest.length ? first! : first!.replace(/\.[jt]s$/, "");
}

/** area → the areas it must not import */
const FORBIDDEN: Record<string, string[]> = {
  store: ["bot", "channels", "report", "reminders", "nlu", "http", "llm", "charts", "app", "service", "cli"],
  report: ["bot", "reminders", "channels", "http", "llm", "app", "service", "cli"],
  reminders: ["bot", "report", "http", "llm", "app", "service", "cli"],
  bot: ["report", "reminders", "channels", "http", "app", "service", "cli"],
  nlu: ["bot", "store", "report", "reminders", "channels", "http", "app", "service", "cli"],
  catalog: ["nlu", "bot", "store", "report", "reminders", "channels", "http", "llm", "app", "service", "cli"],
  charts: ["bot", "report", "reminders", "channels", "http", "app", "service", "cli"],
  channels: ["report", "reminders", "http", "app", "service", "cli"],
};

describe("the import rule", () => {
  const files = sources(SRC);
  const broken = (rule: (from: string, to: string) => boolean) =>
    files.flatMap((file) => {
      const from = areaOf(file);
      return importsOf(file).filter((i) => rule(from, i.area)).map((i) => `${path.relative(SRC, file)} → ${i.spec}`);
    });

  it("domain imports nothing outside domain", () => {
    expect(broken((from, to) => from === "domain" && to !== "domain")).toEqual([]);
  });

  it.each(Object.keys(FORBIDDEN))("%s imports none of what it must not", (area) => {
    expect(broken((from, to) => from === area && FORBIDDEN[area]!.includes(to))).toEqual([]);
  });

  it("sees the imports it checks (a rule that matched nothing would prove nothing)", () => {
    expect(files.length).toBeGreaterThan(50);
    expect(importsOf(path.join(SRC, "app.ts")).some((i) => i.area === "store")).toBe(true);
  });
});
