// `npm run eval`: the development cases of ../shared/eval (or DUBAN_EVAL_DIR) sent to the real
// service over HTTP, exactly as a channel would. Queries run on one freshly seeded service;
// each scenario gets its own fresh copy of the seeded data, as the cases require.
// `npm run eval -- --llm`: the same with the LLM fallback configured against a fake
// OpenAI-compatible server with scripted answers, plus eval/llm-cases.jsonl (messages the rules
// miss); reports how many the rules answered alone, how many needed the model, how many ended
// correct.
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fakeOpenAI, type OpenAIFake } from "../test/fakes/openai.js";
import { ROOT, startServiceProcess, type ServiceProcess } from "./service-process.js";

const EVAL_DIR = path.resolve(process.env.DUBAN_EVAL_DIR ?? path.join(ROOT, "..", "shared", "eval"));
const TODAY = process.env.DUBAN_EVAL_TODAY ?? "2025-04-20";
const TOKEN = randomBytes(16).toString("hex");
const ADMIN = "eval-admin";
const LLM = process.argv.includes("--llm") || process.env.DUBAN_EVAL_LLM === "1";
let model: OpenAIFake | undefined;

interface Check {
  all?: string[];
  none?: string[];
}
interface QueryCase extends Check {
  text: string;
}
interface Step extends Check {
  as: "admin" | "reporter" | "viewer";
  indicator?: string;
  text: string;
}
interface Scenario {
  name: string;
  steps: Step[];
}
interface ModelCase extends Check {
  text: string;
  as?: "viewer" | "reporter";
  indicator?: string;
  before?: string[];
  model: object;
}

async function startService(dataDir: string): Promise<ServiceProcess> {
  return startServiceProcess({
    DUBAN_DATA_DIR: dataDir,
    DUBAN_API_TOKEN: TOKEN,
    DUBAN_TODAY: TODAY,
    DUBAN_ADMINS: `api:${ADMIN}`,
    DUBAN_DEFAULT_ROLE: "viewer",
    ...(model ? { DUBAN_LLM_BASE_URL: `${model.url}/v1`, DUBAN_LLM_MODEL: "scripted", DUBAN_LLM_API_KEY: "eval" } : {}),
  });
}

/** Model calls the fake server received so far. */
const modelCalls = () => model?.chats().length ?? 0;

const chat = (svc: ServiceProcess, user: string, text: string) => svc.chat(user, text);

/** The unit that owns an indicator, from the service's own indicator list. */
async function ownerOf(svc: ServiceProcess, name: string): Promise<string> {
  const { indicators } = await svc.get<{ indicators: { name: string; owner: string }[] }>("/api/indicators");
  const hit = indicators.find((i) => i.name === name) ?? indicators.find((i) => i.name.includes(name) || name.includes(i.name));
  if (!hit) throw new Error(`no indicator named ${name}`);
  return hit.owner;
}

function verdict(reply: string, check: Check): string[] {
  const missing = (check.all ?? []).filter((s) => !reply.includes(s)).map((s) => `缺少“${s}”`);
  const present = (check.none ?? []).filter((s) => reply.includes(s)).map((s) => `不应出现“${s}”`);
  return [...missing, ...present];
}

async function readJsonl<T>(file: string, dir = EVAL_DIR): Promise<T[]> {
  const text = await readFile(path.join(dir, file), "utf8");
  return text.split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as T);
}

async function runScenario(svc: ServiceProcess, sc: Scenario): Promise<string[]> {
  const failures: string[] = [];
  const reporters = new Map<string, string>();
  for (const [n, step] of sc.steps.entries()) {
    let user = step.as === "admin" ? ADMIN : "eval-viewer";
    if (step.as === "reporter") {
      const unit = await ownerOf(svc, step.indicator ?? "");
      user = reporters.get(unit) ?? `eval-reporter-${reporters.size + 1}`;
      if (!reporters.has(unit)) {
        reporters.set(unit, user);
        const bound = await chat(svc, ADMIN, `绑定 api:${user} ${unit}`);
        if (!bound.includes("已绑定")) failures.push(`binding ${user} to ${unit}: ${bound}`);
      }
    }
    const reply = await chat(svc, user, step.text);
    const problems = verdict(reply, step);
    if (problems.length) failures.push(`step ${n + 1} (${step.as}: ${step.text.replace(/\n/g, "⏎")}): ${problems.join("，")}\n    reply: ${reply.replace(/\n/g, "\n    ")}`);
  }
  return failures;
}

interface Tally {
  cases: number;
  rulesAlone: number;
  correct: number;
}

async function runModelCases(svc: ServiceProcess, cases: ModelCase[], report: (ok: boolean, label: string, detail?: string) => void): Promise<Tally> {
  const tally: Tally = { cases: 0, rulesAlone: 0, correct: 0 };
  const bound = new Map<string, string>();
  for (const [n, c] of cases.entries()) {
    let user = `eval-model-${n}`;
    if (c.as === "reporter") {
      const unit = await ownerOf(svc, c.indicator ?? "");
      user = bound.get(unit) ?? `eval-model-reporter-${bound.size + 1}`;
      if (!bound.has(unit)) await chat(svc, ADMIN, `绑定 api:${user} ${unit}`);
      bound.set(unit, user);
    }
    for (const t of c.before ?? []) await chat(svc, user, t);
    const calls = modelCalls();
    const reply = await chat(svc, user, c.text);
    const usedModel = modelCalls() > calls;
    const problems = verdict(reply, c);
    tally.cases++;
    if (!usedModel) tally.rulesAlone++;
    if (!problems.length) tally.correct++;
    const how = usedModel ? "model" : "rules";
    report(problems.length === 0, `[${how}] ${c.text}`, problems.length ? `${problems.join("，")}\n    reply: ${reply.replace(/\n/g, "\n    ")}` : "");
  }
  return tally;
}

async function main(): Promise<number> {
  const queries = await readJsonl<QueryCase>("queries.jsonl");
  const scenarios = await readJsonl<Scenario>("scenarios.jsonl");
  const modelCases = LLM ? await readJsonl<ModelCase>("llm-cases.jsonl", path.join(ROOT, "eval")) : [];
  if (LLM) {
    model = await fakeOpenAI().start();
    for (const c of modelCases) model.byText.set(c.text, c.model);
  }
  const dev: Tally = { cases: 0, rulesAlone: 0, correct: 0 };
  let missTally: Tally | undefined;
  const work = await mkdtemp(path.join(tmpdir(), "duban-eval-"));
  let passed = 0;
  let failed = 0;
  const report = (ok: boolean, label: string, detail = "") => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? "PASS" : "FAIL"}  ${label}${detail ? `\n    ${detail}` : ""}`);
  };
  try {
    const template = path.join(work, "template");
    const svc = await startService(template); // migrates and seeds the 2025 plan
    try {
      for (const q of queries) {
        const calls = modelCalls();
        const reply = await chat(svc, "eval-viewer", q.text);
        const problems = verdict(reply, q);
        dev.cases++;
        if (modelCalls() === calls) dev.rulesAlone++;
        if (!problems.length) dev.correct++;
        report(problems.length === 0, `query: ${q.text}`, problems.length ? `${problems.join("，")}\n    reply: ${reply.replace(/\n/g, "\n    ")}` : "");
      }
      if (LLM) missTally = await runModelCases(svc, modelCases, report);
    } finally {
      await svc.stop();
    }
    for (const [n, sc] of scenarios.entries()) {
      const dir = path.join(work, `scenario-${n}`);
      await cp(template, dir, { recursive: true });
      const scSvc = await startService(dir);
      try {
        const calls = modelCalls();
        const failures = await runScenario(scSvc, sc);
        dev.cases++;
        if (modelCalls() === calls) dev.rulesAlone++;
        if (!failures.length) dev.correct++;
        report(failures.length === 0, `scenario: ${sc.name}`, failures.join("\n    "));
      } finally {
        await scSvc.stop();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    await model?.stop();
  }
  if (LLM && missTally) {
    const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(0)}%`;
    const all = { cases: dev.cases + missTally.cases, rulesAlone: dev.rulesAlone + missTally.rulesAlone, correct: dev.correct + missTally.correct };
    console.log(`\nwith the model (scripted fake server):`);
    console.log(`  development cases: ${dev.cases}, rules alone ${dev.rulesAlone}, needed the model ${dev.cases - dev.rulesAlone}, correct ${dev.correct}`);
    console.log(`  messages the rules miss (eval/llm-cases.jsonl): ${missTally.cases}, rules alone ${missTally.rulesAlone}, needed the model ${missTally.cases - missTally.rulesAlone}, correct ${missTally.correct}`);
    console.log(`  all: ${all.cases}, answered without the model ${all.rulesAlone} (${pct(all.rulesAlone, all.cases)}), correct ${all.correct} (${pct(all.correct, all.cases)})`);
  }
  console.log(`\neval${LLM ? " --llm" : ""} (${EVAL_DIR}, today ${TODAY}): ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
