// 生成本月专报: the month's whole 工作专报 as text and as a Word file, and what it still lacks.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";

export const reportdoc: Handler<IntentOf<"reportdoc">> = async ({ deps, catalog, progress: { date } }) => {
  if (!deps.documents) return "工作专报暂不可用，请联系管理员。";
  const report = await deps.documents.monthReport(catalog, date);
  if ("error" in report) return report.error;
  const head = report.missing.length
    ? [`已生成${report.issue}工作专报（${date}），还缺：`, ...report.missing.map((m) => `- ${m}`), ""]
    : [`已生成${report.issue}工作专报（${date}），要闻、资料和新闻报道数、亮点都已齐全。`, ""];
  return { text: [...head, report.text].join("\n"), file: { name: `工作专报-${report.issue}-${date}.docx`, data: report.docx } };
};
