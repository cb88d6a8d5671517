// The dashboard: a page with no data and no inline script or style (index.html, dashboard.css,
// dashboard.js, all under the CSP of csp.ts), ECharts served locally (government intranets reach
// no CDN), the data on /api/dashboard, each indicator's history, and the laggards chart as a PNG.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { PlanStore } from "../store/plan-store.js";
import { indicatorRows } from "../catalog/listing.js";
import { endOfShanghaiDay, shanghaiDateTime, shanghaiInstant } from "../shanghai.js";
import { changeSummary } from "../domain/presentation.js";
import { faviconIco } from "../charts/favicon.js";
import { laggardsChartSvg, svgToPng } from "../charts/laggards.js";
import { roundTo } from "../domain/numbers.js";
import { doneIndicators, monthStart, notReported, unitRanking } from "../domain/ranking.js";
import { scheduleLine, scheduleShare } from "../domain/schedule.js";
import { progressOf, tally, type ProgressContext } from "../domain/status.js";

const asset = (name: string) => readFileSync(new URL(`./public/${name}`, import.meta.url), "utf8");
const PAGE = asset("index.html");
const SCRIPT = asset("dashboard.js");
const STYLE = asset("dashboard.css");
// read at the first request, as the icon is drawn: 1 MB that most processes never serve
let echartsJs: string | undefined;
let favicon: Buffer | undefined;

const JS = "application/javascript; charset=utf-8";
const CACHE = "public, max-age=86400";

/** The page, its script, style and icon: public, they hold no data. */
export function dashboardPages(server: FastifyInstance): void {
  server.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").header("cache-control", "no-cache").send(PAGE));
  server.get("/assets/dashboard.js", async (_req, reply) => reply.type(JS).header("cache-control", "no-cache").send(SCRIPT));
  server.get("/assets/dashboard.css", async (_req, reply) => reply.type("text/css; charset=utf-8").header("cache-control", "no-cache").send(STYLE));
  server.get("/assets/echarts.min.js", async (_req, reply) => reply.type(JS).header("cache-control", CACHE).send((echartsJs ??= readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8"))));
  server.get("/favicon.ico", async (_req, reply) => {
    favicon ??= faviconIco();
    return reply.type("image/x-icon").header("cache-control", CACHE).send(favicon);
  });
}

export interface DashboardDeps {
  plans: PlanStore;
  today(): string;
  basis: ScheduleBasis;
}

/** The data behind it, for anyone signed in. */
export async function dashboardRoutes(api: FastifyInstance, d: DashboardDeps): Promise<void> {
  const context = (year: number): ProgressContext => ({ date: d.today(), planYear: year, basis: d.basis });

  api.get("/api/indicators", async () => ({ indicators: indicatorRows(await d.plans.catalog()) }));

  api.get("/api/dashboard", async () => {
    const catalog = await d.plans.catalog();
    const ctx = context(catalog.year);
    const indicators = catalog.indicators.map((i) => {
      const p = progressOf(i, ctx);
      const sections = i.sectionCodes.flatMap((code) => ancestors(catalog.sections, code));
      return {
        code: i.code, name: i.name, aliases: i.aliases, kind: i.kind, unit: i.unit, target: i.target, value: i.value, owner: i.owner, statusText: i.statusText,
        completionPct: p.completionPct ?? null, schedulePct: p.schedulePct ?? null, pace: p.pace ?? null, met: p.met ?? null,
        sections, updatedAt: i.updatedAt ? shanghaiDateTime(i.updatedAt) : null,
      };
    });
    const reports = await d.plans.reportDatesByUnit(shanghaiInstant(monthStart(ctx.date)));
    const ranking = unitRanking(indicators, reports, ctx.date);
    const updates = await d.plans.feed(20);
    return {
      date: ctx.date,
      year: catalog.year,
      schedulePct: Math.round(scheduleShare(ctx.date, ctx.planYear, ctx.basis) * 10_000) / 100,
      // the report's headings in its order: (一) sections, numbered areas, items with indicators
      sections: catalog.sections.map((s) => ({ code: s.code, label: s.label, title: s.title, level: s.level, parentCode: s.parentCode, indicatorCodes: s.indicatorCodes })),
      units: [...new Set(indicators.map((i) => i.owner))],
      summary: tally(catalog.indicators, ctx),
      indicators,
      ranking,
      notReported: notReported(ranking),
      done: doneIndicators(indicators).map((i) => ({ code: i.code, name: i.name, owner: i.owner, completionPct: i.completionPct })),
      updates: updates.map((u) => ({ at: shanghaiDateTime(u.at), who: u.person, name: u.indicator, text: changeSummary(u, u.unit) })),
    };
  });

  api.get<{ Params: { code: string } }>("/api/indicators/:code/history", async (req, reply) => {
    const catalog = await d.plans.catalog();
    const i = catalog.indicators.find((x) => x.code === req.params.code);
    if (!i) return reply.status(404).send({ error: `没有代码为 ${req.params.code} 的指标` });
    const points = await d.plans.chartPoints(i.id);
    const held = i.kind === "cumulative" && i.target !== null && i.target > 0;
    return {
      code: i.code, name: i.name, unit: i.unit, target: i.target, kind: i.kind,
      // the chart spans the plan year, whatever the wall clock says
      from: shanghaiInstant(`${catalog.year}-01-01`).toISOString(), to: endOfShanghaiDay(`${catalog.year}-12-31`).toISOString(),
      points: points.map((p) => ({ at: p.at.toISOString(), value: p.value })),
      // month ends count from the end of their day: what is due by 4月30日 may arrive that evening
      schedule: held
        ? scheduleLine(catalog.year, i.target!, d.basis, i.schedule).map((p, n) => ({
            date: p.date, at: (n === 0 ? shanghaiInstant(p.date) : endOfShanghaiDay(p.date)).toISOString(), value: roundTo(p.value, i.decimals + 2),
          }))
        : null,
    };
  });

  api.get("/api/charts/laggards.png", async (_req, reply) => {
    const catalog = await d.plans.catalog();
    return reply.type("image/png").send(svgToPng(laggardsChartSvg(catalog, context(catalog.year))));
  });
}

function ancestors(sections: { code: string; parentCode: string | null }[], code: string): string[] {
  const out: string[] = [];
  for (let s = sections.find((x) => x.code === code); s; s = sections.find((x) => x.code === s.parentCode)) out.push(s.code);
  return out;
}
