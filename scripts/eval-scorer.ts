// How `npm run eval` judges a bot: by what it answers and by what it stores. A reply to a question
// about one indicator must head with that indicator's 【name】 and give no other card; after every
// scenario the indicator table (GET /api/indicators) must hold exactly what the scenario implies,
// every other indicator untouched. So a bot that answers every message with the whole report, or
// with one fixed card, fails (test/eval-scorer.test.ts proves it). No I/O of its own: the bot is
// reached through an EvalTarget, the real service or a fake.

export type Role = "admin" | "reporter" | "viewer";

/** A row of GET /api/indicators, as much as the scorer reads. */
export interface IndicatorRow {
  code: string;
  name: string;
  value: number | null;
  owner: string;
}

export interface EvalTarget {
  /** sends `text` as member api:<user>, returns the reply */
  chat(user: string, text: string): Promise<string>;
  /** the indicator table as the service holds it now */
  indicators(): Promise<IndicatorRow[]>;
}

export interface Check {
  /** substrings the reply must contain */
  all?: string[];
  /** substrings the reply must not contain */
  none?: string[];
  /** the indicator (name or code) the reply must be about */
  about?: string;
}
export interface QueryCase extends Check {
  text: string;
  /** the category the case belongs to (see CATEGORIES) */
  cat?: string;
}
export interface Step extends Check {
  as: Role;
  /** for a reporter: the indicator whose unit the reporter belongs to */
  indicator?: string;
  text: string;
}
export interface Scenario {
  name: string;
  /** the category the case belongs to (see CATEGORIES) */
  cat?: string;
  steps: Step[];
  /** stored values after the scenario, by indicator name or code; every other indicator keeps its value */
  expect?: Record<string, number | null>;
}

export const ADMIN = "eval-admin";
const VIEWER = "eval-viewer";

/** The indicator a case names: exactly by name or by code, as the catalogue spells them. */
export function indicatorNamed(rows: IndicatorRow[], ref: string): IndicatorRow | undefined {
  return rows.find((r) => r.name === ref) ?? rows.find((r) => r.code === ref);
}

/** Every 【…】 heading of a reply, in order. */
export function headings(reply: string): string[] {
  return [...reply.matchAll(/【([^】\n]+)】/gu)].map((m) => m[1]!);
}

/** Problems with a reply that should be about one indicator: its card first, and no other card. */
export function aboutProblems(reply: string, about: string, rows: IndicatorRow[]): string[] {
  const target = indicatorNamed(rows, about);
  if (!target) return [`用例的 about“${about}”不是目录里的指标名称或编号`];
  const heads = headings(reply);
  if (heads.length === 0) return [`应是【${target.name}】的卡片，回复里没有【】标题`];
  const problems: string[] = [];
  if (heads[0] !== target.name) problems.push(`首个标题应为【${target.name}】，实为【${heads[0]}】`);
  const others = [...new Set(heads.filter((h) => h !== target.name))];
  if (others.length) problems.push(`不应出现其他标题：${others.map((h) => `【${h}】`).join("")}`);
  return problems;
}

export function verdict(reply: string, check: Check, rows: IndicatorRow[]): string[] {
  const missing = (check.all ?? []).filter((s) => !reply.includes(s)).map((s) => `缺少“${s}”`);
  const present = (check.none ?? []).filter((s) => reply.includes(s)).map((s) => `不应出现“${s}”`);
  const about = check.about === undefined ? [] : aboutProblems(reply, check.about, rows);
  return [...missing, ...present, ...about];
}

const FIGURE = /^\d+(?:\.\d+)?$/u;

/**
 * What a scenario leaves stored, by indicator code: its `expect` map where it has one; otherwise
 * the figure (the first `all` entry, when a plain number) of the last step asking about each
 * indicator, since that step's reply shows the stored value.
 */
export function expectedValues(sc: Scenario, rows: IndicatorRow[]): { values: Map<string, number | null>; problems: string[] } {
  const values = new Map<string, number | null>();
  const problems: string[] = [];
  const put = (ref: string, value: number | null) => {
    const row = indicatorNamed(rows, ref);
    if (row) values.set(row.code, value);
    else problems.push(`expect 里的“${ref}”不是目录里的指标名称或编号`);
  };
  if (sc.expect) for (const [ref, value] of Object.entries(sc.expect)) put(ref, value);
  else for (const step of sc.steps) if (step.about && step.all?.[0] && FIGURE.test(step.all[0])) put(step.about, Number(step.all[0]));
  return { values, problems };
}

const same = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));

/** Stored values against the expected ones; every indicator not expected must be as before. */
export function storedProblems(before: IndicatorRow[], after: IndicatorRow[], expected: Map<string, number | null>): string[] {
  const problems: string[] = [];
  for (const row of after) {
    const was = before.find((b) => b.code === row.code);
    const want = expected.has(row.code) ? expected.get(row.code)! : (was?.value ?? null);
    if (!same(row.value, want)) problems.push(`存储的“${row.name}”应为 ${want ?? "空"}，实为 ${row.value ?? "空"}`);
  }
  for (const code of expected.keys()) if (!after.some((r) => r.code === code)) problems.push(`指标 ${code} 不在 /api/indicators 里`);
  return problems;
}

/** A reply under a failure, cut short: a whole report would bury the other results. */
const indent = (reply: string) => {
  const cut = [...reply].length > 600 ? `${[...reply].slice(0, 600).join("")}…（共 ${[...reply].length} 字）` : reply;
  return cut.replace(/\n/g, "\n    ");
};

/** One query; the problems found, each with the reply. */
export async function scoreQuery(target: EvalTarget, q: QueryCase, rows: IndicatorRow[], user = VIEWER): Promise<string[]> {
  const reply = await target.chat(user, q.text);
  const problems = verdict(reply, q, rows);
  return problems.length ? [`${problems.join("，")}\n    reply: ${indent(reply)}`] : [];
}

/** One scenario on freshly seeded data: each step's reply, then the stored values. */
export async function scoreScenario(target: EvalTarget, sc: Scenario): Promise<string[]> {
  const failures: string[] = [];
  const before = await target.indicators();
  const expected = expectedValues(sc, before);
  failures.push(...expected.problems);
  const reporters = new Map<string, string>();
  for (const [n, step] of sc.steps.entries()) {
    let user = step.as === "admin" ? ADMIN : VIEWER;
    if (step.as === "reporter") {
      const owner = indicatorNamed(before, step.indicator ?? "")?.owner;
      if (!owner) {
        failures.push(`step ${n + 1}: 填报员所属指标“${step.indicator ?? ""}”不在目录里`);
        continue;
      }
      user = reporters.get(owner) ?? `eval-reporter-${reporters.size + 1}`;
      if (!reporters.has(owner)) {
        reporters.set(owner, user);
        const bound = await target.chat(ADMIN, `绑定 api:${user} ${owner}`);
        if (!bound.includes("已绑定")) failures.push(`binding ${user} to ${owner}: ${bound}`);
      }
    }
    const reply = await target.chat(user, step.text);
    const problems = verdict(reply, step, before);
    if (problems.length) failures.push(`step ${n + 1} (${step.as}: ${step.text.replace(/\n/g, "⏎")}): ${problems.join("，")}\n    reply: ${indent(reply)}`);
  }
  failures.push(...storedProblems(before, await target.indicators(), expected.values));
  return failures;
}

/** The eval's last line: N passed, M failed. */
export function summaryLine(passed: number, failed: number): string {
  return `${passed} passed, ${failed} failed`;
}

/** The categories of cases, in the order the tables list them (COMMON.md). */
export const CATEGORIES = ["query", "colloquial", "overview", "lists", "time", "compare", "followup", "report", "correction", "choice", "admin", "refusal"] as const;
const UNCATEGORISED = "(none)";

/** Messages a case sends: a query is one, a scenario one per step. */
export function messagesIn(c: QueryCase | Scenario): number {
  return "steps" in c ? c.steps.length : 1;
}

/** One scored case, as the category tables count it. */
export interface CaseResult {
  cat?: string;
  passed: boolean;
  messages: number;
}
export interface CategoryRow {
  cat: string;
  passed: number;
  total: number;
  messages: number;
}

/**
 * Passed/total cases and messages by category, in CATEGORIES order, then any category not in the
 * list (a typo shows up rather than vanishing), then a "total" row. Categories with no case are left out.
 */
export function tallyByCategory(results: CaseResult[]): CategoryRow[] {
  const rows = new Map<string, CategoryRow>();
  for (const r of results) {
    const cat = r.cat ?? UNCATEGORISED;
    const row = rows.get(cat) ?? { cat, passed: 0, total: 0, messages: 0 };
    row.total++;
    row.messages += r.messages;
    if (r.passed) row.passed++;
    rows.set(cat, row);
  }
  const known: readonly string[] = CATEGORIES;
  const ordered = [...known.filter((c) => rows.has(c)).map((c) => rows.get(c)!), ...[...rows.values()].filter((r) => !known.includes(r.cat)).sort((a, b) => a.cat.localeCompare(b.cat))];
  const sum = (k: "passed" | "total" | "messages") => ordered.reduce((n, r) => n + r[k], 0);
  return [...ordered, { cat: "total", passed: sum("passed"), total: sum("total"), messages: sum("messages") }];
}

/** A category table as Markdown: category, passed/total cases, percentage, messages. */
export function categoryTable(title: string, rows: CategoryRow[]): string {
  const pct = (r: CategoryRow) => `${((100 * r.passed) / Math.max(1, r.total)).toFixed(0)}%`;
  const lines = rows.map((r) => `| ${r.cat} | ${r.passed}/${r.total} | ${pct(r)} | ${r.messages} |`);
  return [`${title}`, "", "| category | passed/total | % | messages |", "|---|---|---|---|", ...lines].join("\n");
}
