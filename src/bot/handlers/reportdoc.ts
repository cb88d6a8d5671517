// 生成本月专报: the 工作专报's progress section as text and as a Word file.
import type { IntentOf } from "../../nlu/intent.js";
import type { Handler } from "../context.js";

export const reportdoc: Handler<IntentOf<"reportdoc">> = async ({ deps, catalog, progress: { date } }) => {
  if (!deps.documents) return "工作专报暂不可用，请联系管理员。";
  const report = await deps.documents.monthReport(catalog, date);
  return { text: report.text, file: { name: `工作专报-${date}.docx`, data: report.docx } };
};
