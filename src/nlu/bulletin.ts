// Messages for the 工作专报's other sections, read before anything else because their bodies are
// free text (a 要闻 names indicators and figures that must not be read as a report):
//   要闻：3月27日，省妇联…          工作动态：…           → news
//   亮点：标题⏎第一段⏎第二段…                            → highlight
//   资料上传：政策文件 66 条，建设内容 53 条，…            → tally (materials)
//   新闻报道：汨罗级媒体 50 篇，岳阳级媒体 1 篇，…         → tally (news)
//   本期要闻 / 删除要闻 3 / 要闻3移到下期 / 本期亮点 / 选用亮点 2 / 删除亮点 2 → bulletin (admin)
import { normalizeText, numberWritten } from "../domain/numbers.js";
import type { Intent } from "./intent.js";

/** Articles run longer than reports; a chat message or a file's text is cut here. */
export const MAX_BULLETIN_CHARS = 20_000;

const LEAD = /^\s*(要闻|工作要闻|工作动态|亮点|工作亮点|资料上传|上传资料|项目资料上传|新闻报道|新闻宣传|宣传报道)\s*[：:]\s*/u;

/** The message as one of the above, or undefined. `raw` is the member's text as sent. */
export function parseBulletin(raw: string): Intent | undefined {
  const text = raw.slice(0, MAX_BULLETIN_CHARS).replace(/\r\n?/g, "\n").replace(/^\uFEFF/u, "");
  const m = LEAD.exec(text);
  if (!m) {
    const normal = normalizeText(text);
    return parseSettings(normal.trim()) ?? parseBulletinCommand(normal.replace(/\s+/gu, ""));
  }
  const body = text.slice(m[0].length).trim();
  switch (m[1]) {
    case "要闻":
    case "工作要闻":
    case "工作动态":
      return body ? { type: "news", text: tidyParagraphs(body) } : undefined;
    case "亮点":
    case "工作亮点":
      return highlightOf(body);
    case "新闻报道":
    case "新闻宣传":
    case "宣传报道":
      return tallyOf("news", body);
    default:
      return tallyOf("materials", body);
  }
}

/** 亮点：title⏎paragraphs; a 亮点 without a body line is still a title the bot asks about. */
function highlightOf(body: string): Intent | undefined {
  const lines = body.split("\n").map((l) => l.trim()).filter(Boolean);
  const [title, ...paragraphs] = lines;
  if (!title) return undefined;
  return { type: "highlight", title, paragraphs };
}

/** Blank lines between paragraphs kept as one break; spaces at line ends dropped. */
function tidyParagraphs(body: string): string {
  return body.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
}

// 政策文件 66 条 / 政策文件66 / 汨罗级媒体：50篇 / 省级媒体四十七篇
const PIECE = /^(.+?)[\s：:为是]*([0-9][0-9,，]*|[零〇一二三四五六七八九十百千两]+)\s*(条|篇|个|份)?$/u;

function tallyOf(kind: "materials" | "news", body: string): Intent | undefined {
  const pieces = normalizeText(body).split(/[，,、；;。\n]+/u).map((p) => p.trim()).filter(Boolean);
  if (!pieces.length) return undefined;
  const entries: { name: string; value: number }[] = [];
  const problems: string[] = [];
  for (const piece of pieces) {
    const m = PIECE.exec(piece.replace(/^其中/u, ""));
    const value = m ? numberWritten(m[2]!.replace(/[,，]/gu, "")) : undefined;
    // 共 462 条 / 合计: the total is computed, not taken
    if (m && /^(?:共|合计|总计|总共|累计共?|一共)$/u.test(m[1]!.trim())) continue;
    if (!m || value === undefined || value === null || !Number.isInteger(value)) problems.push(piece);
    else entries.push({ name: m[1]!.trim(), value });
  }
  return { type: "tally", kind, entries, problems };
}

const SETTING_FIELDS: Record<string, "materialKinds" | "mediaLevels" | "system"> = { 资料类别: "materialKinds", 资料类型: "materialKinds", 媒体级别: "mediaLevels", 媒体类别: "mediaLevels", 上传系统: "system" };

/** 专报设置 / 设置资料类别 政策文件、建设内容 / 设置媒体级别 … / 设置上传系统 人社一体化业务管理系统. */
function parseSettings(t: string): Intent | undefined {
  if (/^(?:查看)?专报设置$/u.test(t)) return { type: "reportsettings", values: [] };
  const m = /^设置\s*(资料类别|资料类型|媒体级别|媒体类别|上传系统)\s*[：:为]?\s*(.*)$/su.exec(t);
  if (!m) return undefined;
  const field = SETTING_FIELDS[m[1]!];
  if (!field) return undefined;
  const values = field === "system" ? [m[2]!.trim()].filter(Boolean) : m[2]!.split(/[，,、；;\s]+/u).map((v) => v.trim()).filter(Boolean);
  return { type: "reportsettings", field, values };
}

/** 本期要闻, 删除要闻 3, 要闻3移到下期, 本期亮点, 选用亮点 2 (the text folded, without spaces). */
function parseBulletinCommand(t: string): Intent | undefined {
  if (/^(?:本期|本月|当期)?(?:工作)?要闻(?:列表|清单|有哪些)?$/u.test(t)) return { type: "bulletin", action: "news" };
  if (/^(?:本期|本月|当期)(?:工作)?亮点(?:列表|清单|有哪些)?$|^亮点(?:列表|清单)$/u.test(t)) return { type: "bulletin", action: "highlights" };
  const index = (s: string | undefined) => (s === undefined ? undefined : numberWritten(s));
  const drop = /^(?:删除|删掉|去掉|撤下)(?:第)?(要闻|亮点)?(?:第)?([0-9]{1,3}|[一二三四五六七八九十]+)(?:条|篇)?(要闻|亮点)?$/u.exec(t);
  const dropped = drop?.[1] ?? drop?.[3];
  if (drop && dropped) return withIndex(dropped === "要闻" ? "dropnews" : "drophighlight", index(drop[2]));
  const defer = /^(?:把)?(?:第)?(?:要闻)?(?:第)?([0-9]{1,3}|[一二三四五六七八九十]+)(?:条)?(?:要闻)?(?:移到|放到|推到|挪到|改到|留到|延到)(?:下期|下一期|下月|下个月)$|^(?:推迟|延后)(?:第)?要闻(?:第)?([0-9]{1,3}|[一二三四五六七八九十]+)(?:条)?$/u.exec(t);
  if (defer && t.includes("要闻")) return withIndex("defernews", index(defer[1] ?? defer[2]));
  const choose = /^(?:选用|选|采用|用)(?:第)?亮点(?:第)?([0-9]{1,3}|[一二三四五六七八九十]+)(?:篇|个)?$|^(?:选用|采用)(?:第)?([0-9]{1,3}|[一二三四五六七八九十]+)(?:篇|个)亮点$/u.exec(t);
  if (choose) return withIndex("choosehighlight", index(choose[1] ?? choose[2]));
  return undefined;
}

function withIndex(action: "dropnews" | "defernews" | "choosehighlight" | "drophighlight", index: number | undefined): Intent | undefined {
  return index && index >= 1 ? { type: "bulletin", action, index } : undefined;
}
