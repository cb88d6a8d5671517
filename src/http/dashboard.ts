// The dashboard: a page (no data in it; it logs in with the API token and reads /api/dashboard),
// ECharts served locally (government intranets reach no CDN), each indicator's history, and the
// laggards chart as a PNG for chat.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { FastifyInstance } from "fastify";
import type { App } from "../app.js";
import { shanghaiDateTime } from "../shanghai.js";
import { changeSummary } from "../bot/render.js";
import { laggardsChartSvg, svgToPng } from "../charts/laggards.js";
import { scheduleShare } from "../domain/schedule.js";
import { progressOf, tally, type ProgressContext } from "../domain/status.js";
import { figure } from "../store/figures.js";

const PAGE = readFileSync(new URL("./public/index.html", import.meta.url), "utf8");
const ECHARTS = readFileSync(createRequire(import.meta.url).resolve("echarts/dist/echarts.min.js"), "utf8");

/** The page and its script: public, they hold no data. */
export function dashboardPages(server: FastifyInstance): void {
  server.get("/", async (_req, reply) => reply.type("text/html; charset=utf-8").send(PAGE));
  server.get("/assets/echarts.min.js", async (_req, reply) => reply.type("application/javascript; charset=utf-8").header("cache-control", "public, max-age=86400").send(ECHARTS));
}

/** The data behind it, on the authorised /api. */
export function dashboardApi(api: FastifyInstance, app: App): void {
  const context = (year: number): ProgressContext => ({ date: app.clock.today(), planYear: year, basis: app.config.DUBAN_SCHEDULE_BASIS });

  api.get("/api/dashboard", async () => {
    const catalog = await app.plans.catalog();
    const ctx = context(catalog.year);
    const indicators = catalog.indicators.map((i) => {
      const p = progressOf(i, ctx);
      const sections = i.sectionCodes.flatMap((code) => ancestors(catalog.sections, code));
      return {
        code: i.code, name: i.name, kind: i.kind, unit: i.unit, target: i.target, value: i.value, owner: i.owner,
        completionPct: p.completionPct ?? null, schedulePct: p.schedulePct ?? null, pace: p.pace ?? null, met: p.met ?? null,
        sections, updatedAt: i.updatedAt ? shanghaiDateTime(i.updatedAt) : null,
      };
    });
    const updates = await app.plans.feed(20);
    return {
      date: ctx.date,
      schedulePct: Math.round(scheduleShare(ctx.date, ctx.planYear, ctx.basis) * 10_000) / 100,
      sections: catalog.sections.filter((s) => s.level === 0).map((s) => ({ code: s.code, title: `${s.label}${s.title}` })),
      units: [...new Set(indicators.map((i) => i.owner))],
      summary: tally(catalog.indicators, ctx),
      indicators,
      updates: updates.map((u) => ({ at: shanghaiDateTime(u.at), who: u.memberId ?? u.channel, name: u.indicator, text: changeSummary(u, u.unit) })),
    };
  });

  api.get<{ Params: { code: string } }>("/api/indicators/:code/history", async (req, reply) => {
    const catalog = await app.plans.catalog();
    const i = catalog.indicators.find((x) => x.code === req.params.code);
    if (!i) return reply.status(404).send({ error: `没有代码为 ${req.params.code} 的指标` });
    const rows = await app.db.prisma.update.findMany({ where: { indicatorId: i.id, kind: { not: "config" } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    return { code: i.code, name: i.name, unit: i.unit, target: i.target, points: rows.filter((r) => r.newValue !== null).map((r) => ({ at: r.createdAt.toISOString(), value: figure(r.newValue) })) };
  });

  api.get("/api/charts/laggards.png", async (_req, reply) => {
    const catalog = await app.plans.catalog();
    return reply.type("image/png").send(svgToPng(laggardsChartSvg(catalog, context(catalog.year))));
  });
}

function ancestors(sections: { code: string; parentCode: string | null }[], code: string): string[] {
  const out: string[] = [];
  for (let s = sections.find((x) => x.code === code); s; s = sections.find((x) => x.code === s!.parentCode)) out.push(s.code);
  return out;
}
