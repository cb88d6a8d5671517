// Charts as PNG images for chat: ECharts renders SVG on the server (no browser), resvg turns
// it into a PNG. Chinese labels need a CJK font on the server (Debian: fonts-wqy-microhei).
import { createRequire } from "node:module";
import type * as ECharts from "echarts";
import type { Catalog } from "../catalog/catalog.js";
import { laggardsOf } from "../domain/presentation.js";
import type { ProgressContext } from "../domain/status.js";
import { svgToPngAt } from "./png.js";

const FONT = "WenQuanYi Micro Hei, Noto Sans CJK SC, sans-serif";

// ECharts is loaded at the first chart, not at start-up, and as its one-file CommonJS build:
// importing its ES modules took ~0.6 s and ~40 MB of every start, require() takes ~0.17 s and
// ~20 MB once someone asks for a chart. Synchronous, as the bot's laggardsChart is.
const require = createRequire(import.meta.url);
let loaded: typeof ECharts | undefined;
const echarts = (): typeof ECharts => (loaded ??= require("echarts"));

/** The laggards as horizontal bars: completion against the 时序进度 each should have reached. */
export function laggardsChartSvg(catalog: Catalog, ctx: ProgressContext, limit = 12): string {
  const lag = laggardsOf(catalog.indicators, ctx).slice(0, limit).reverse();
  const height = Math.max(240, 90 + lag.length * 44);
  const chart = echarts().init(null, null, { renderer: "svg", ssr: true, width: 900, height });
  chart.setOption({
    animation: false,
    backgroundColor: "#ffffff",
    textStyle: { fontFamily: FONT },
    title: { text: `落后于时序进度的指标（截至 ${ctx.date}）`, left: 16, top: 12, textStyle: { fontSize: 18, fontFamily: FONT } },
    legend: { top: 14, right: 16, data: ["完成率", "时序进度"], textStyle: { fontFamily: FONT } },
    grid: { left: 16, right: 60, top: 56, bottom: 24, containLabel: true },
    xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: lag.map((l) => l.indicator.name), axisLabel: { fontSize: 13, fontFamily: FONT, width: 260, overflow: "truncate" } },
    series: [
      { name: "完成率", type: "bar", data: lag.map((l) => l.progress.completionPct), itemStyle: { color: "#d9534f" }, label: { show: true, position: "right", formatter: "{c}%" } },
      { name: "时序进度", type: "bar", data: lag.map((l) => l.progress.schedulePct), itemStyle: { color: "#c8ced6" } },
    ],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function svgToPng(svg: string): Buffer {
  return svgToPngAt(svg, 900);
}
