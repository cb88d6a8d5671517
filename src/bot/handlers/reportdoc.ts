// 生成本月专报: the 工作专报's progress section as text and as a Word file.
import type { IntentOf } from "../../nlu/intent.js";
import { reportDocx } from "../../report/docx.js";
import { DEFAULT_META, progressReport, reportText } from "../../report/render.js";
import type { Handler } from "../context.js";

export const reportdoc: Handler<IntentOf<"reportdoc">> = async ({ catalog, progress: { date } }) => {
  const report = progressReport(catalog, { ...DEFAULT_META, issue: `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月`, date });
  return { text: reportText(report), file: { name: `工作专报-${date}.docx`, data: await reportDocx(report) } };
};
