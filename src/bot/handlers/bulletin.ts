// The 工作专报's other sections by message: 要闻 and 亮点 sent by units, the materials and news
// counts (cumulative: a smaller count waits for 确认), and the admins' lists and choices.
import { newsDate, tallyDecreases, tallyNames, tallyNamesError, tallySummary, TALLY_UNIT, type ReportSettings, type TallyKind } from "../../domain/bulletin.js";
import { monthDay } from "../../domain/day-refs.js";
import { formatNumber } from "../../domain/numbers.js";
import { truncate } from "../../domain/presentation.js";
import type { IntentOf } from "../../nlu/intent.js";
import { endOfShanghaiDay } from "../../shanghai.js";
import type { BulletinStore, StoredHighlight, StoredNews } from "../../store/bulletin-store.js";
import type { Handler, TurnContext } from "../context.js";
import { can } from "../permissions.js";
import { audited, hold } from "./common.js";

const KIND_WORD: Record<TallyKind, string> = { materials: "资料上传", news: "新闻报道" };
const UNAVAILABLE = "工作专报暂不可用，请联系管理员。";
const CONTRIBUTORS_ONLY = "只有已绑定单位的填报人或管理员可以报送专报内容，请联系管理员绑定单位。";
const ADMINS_ONLY = "只有管理员可以整理专报的要闻和亮点。";

/** Who sent it and from which message: a retry of the message stores nothing more. */
function origin(ctx: TurnContext) {
  const m = ctx.msg.message;
  return { unitId: ctx.member.unitId, memberId: ctx.member.id, source: m ? `${m.channel}:${m.messageId}` : null, at: ctx.deps.now() };
}

export const news: Handler<IntentOf<"news">> = async (ctx, intent) => {
  const store = ctx.deps.bulletins;
  if (!store) return UNAVAILABLE;
  if (!can(ctx.member, "contribute")) return CONTRIBUTORS_ONLY;
  const date = newsDate(intent.text, ctx.deps.today());
  await store.addNews({ ...origin(ctx), date, text: intent.text });
  const count = (await store.currentNews(ctx.deps.today())).length;
  return `✅ 已收录为本期要闻（${date}，${ctx.member.unitName ?? "专班"}），本期共 ${count} 条：\n${truncate(intent.text.split("\n")[0]!, 60)}`;
};

export const highlight: Handler<IntentOf<"highlight">> = async (ctx, intent) => {
  const store = ctx.deps.bulletins;
  if (!store) return UNAVAILABLE;
  if (!can(ctx.member, "contribute")) return CONTRIBUTORS_ONLY;
  if (!intent.paragraphs.length) return "亮点只有标题没有正文，请按“亮点：标题”换行再写正文段落的格式重新发送。";
  // a .docx or .txt the channel read arrives as this same text, with the file's name beside it
  const file = ctx.msg.attachment?.name;
  await store.addHighlight({ ...origin(ctx), title: intent.title, paragraphs: intent.paragraphs, kind: file ? "file" : "message", fileName: file ?? null });
  const count = (await store.currentHighlights(ctx.deps.today())).length;
  const source = file ? `（来自文件 ${file}）` : "";
  return `✅ 已收到亮点${source}：《${intent.title}》，正文 ${intent.paragraphs.length} 段。本期共 ${count} 篇亮点${count > 1 ? "，管理员可发送「本期亮点」选用一篇" : ""}。`;
};

export const tally: Handler<IntentOf<"tally">> = async (ctx, intent) => {
  const store = ctx.deps.bulletins;
  if (!store) return UNAVAILABLE;
  if (!can(ctx.member, "contribute")) return CONTRIBUTORS_ONLY;
  const settings = await store.settings();
  const names = tallyNames(settings, intent.kind);
  const unit = TALLY_UNIT[intent.kind];
  const example = `${KIND_WORD[intent.kind]}：${names.slice(0, 2).map((n, k) => `${n} ${k === 0 ? 66 : 53} ${unit}`).join("，")}`;
  if (intent.problems.length) return `“${intent.problems[0]}”没有读出数字，请按“${example}”的格式发送，没有改动任何数字。`;
  const unknown = intent.entries.find((e) => !names.includes(e.name));
  if (unknown) return `“${unknown.name}”不是${KIND_WORD[intent.kind]}的类别（可用：${names.join("、")}），请改用这些名称重新发送，没有改动任何数字。`;
  if (!intent.entries.length) return `没有读出数字，请按“${example}”的格式发送。`;
  const twice = intent.entries.find((e, k) => intent.entries.findIndex((x) => x.name === e.name) !== k);
  if (twice) return `“${twice.name}”写了两次，请每个类别只写一个累计数后重新发送，没有改动任何数字。`;
  const before = (await store.tallies(endOfShanghaiDay(ctx.deps.today())))[intent.kind];
  const smaller = tallyDecreases(before, intent.entries);
  const source = origin(ctx).source;
  if (smaller.length) {
    await hold(ctx, { kind: "tally", tally: intent.kind, entries: intent.entries, source });
    return `⚠️ 这些是累计数，以下比上次报的少：${smaller.join("；")}。确认无误请回复「确认」，否则回复「取消」。`;
  }
  return recordTally(ctx, store, intent.kind, intent.entries, source);
};

/** Records the counts and shows the totals the 专报 will print. */
export async function recordTally(ctx: TurnContext, store: Pick<BulletinStore, "recordTallies" | "tallies" | "settings">, kind: TallyKind, entries: { name: string; value: number }[], source: string | null): Promise<string> {
  await store.recordTallies(kind, entries, { memberId: ctx.member.id, source, at: ctx.deps.now() });
  const now = (await store.tallies(endOfShanghaiDay(ctx.deps.today())))[kind];
  const unit = TALLY_UNIT[kind];
  const { present, missing, total } = tallySummary(await store.settings(), kind, now);
  return [
    `✅ 已记录${KIND_WORD[kind]}（累计）：${entries.map((e) => `${e.name} ${formatNumber(e.value)} ${unit}`).join("，")}。`,
    `合计 ${formatNumber(total)} ${unit}：${present.map((p) => `${p.name} ${formatNumber(p.value)}`).join("、")}。`,
    ...(missing.length ? [`尚未报送：${missing.join("、")}。`] : []),
  ].join("\n");
}

export const bulletin: Handler<IntentOf<"bulletin">> = async (ctx, intent) => {
  const store = ctx.deps.bulletins;
  if (!store) return UNAVAILABLE;
  if (!can(ctx.member, "curate")) return intent.action === "news" ? `${ADMINS_ONLY}报送要闻请发送“要闻：4月1日，……”。` : ADMINS_ONLY;
  const today = ctx.deps.today();
  switch (intent.action) {
    case "news":
      return newsList(await store.currentNews(today), await store.heldNews(today));
    case "highlights":
      return highlightList(await store.currentHighlights(today));
    case "choosehighlight":
    case "drophighlight": {
      const list = await store.currentHighlights(today);
      const picked = list[intent.index! - 1];
      if (!picked) return list.length ? `本期只有 ${list.length} 篇亮点，请先发送「本期亮点」核对序号。` : "本期还没有亮点，请先让单位发送“亮点：标题”换行正文。";
      if (intent.action === "drophighlight") {
        await store.deleteHighlight(picked.id, ctx.member.id, ctx.deps.now());
        await audited(ctx, "bulletin", `highlight:${picked.id}`, { text: `删除亮点《${picked.title}》` });
        return `✅ 已删除亮点 ${intent.index}：《${picked.title}》\n${highlightList(await store.currentHighlights(today))}`;
      }
      await store.chooseHighlight(picked.id, today);
      await audited(ctx, "bulletin", `highlight:${picked.id}`, { text: `选用亮点《${picked.title}》` });
      return `✅ 本期专报选用亮点 ${intent.index}：《${picked.title}》。`;
    }
    default: {
      const list = await store.currentNews(today);
      const item = list[intent.index! - 1];
      if (!item) return list.length ? `本期只有 ${list.length} 条要闻，请先发送「本期要闻」核对序号。` : "本期还没有要闻。";
      if (intent.action === "dropnews") {
        await store.deleteNews(item.id, ctx.member.id, ctx.deps.now());
        await audited(ctx, "bulletin", `news:${item.id}`, { text: `删除要闻：${truncate(item.text, 40)}` });
        return `✅ 已删除要闻 ${intent.index}：${truncate(item.text, 40)}\n${newsList(await store.currentNews(today), [])}`;
      }
      const month = await store.deferNews(item.id, today);
      await audited(ctx, "bulletin", `news:${item.id}`, { text: `要闻移到下期：${truncate(item.text, 40)}` });
      return `✅ 要闻 ${intent.index} 已移到下期（${Number(month.slice(5, 7))}月的专报）：${truncate(item.text, 40)}`;
    }
  }
};

function newsList(items: StoredNews[], held: StoredNews[]): string {
  const lines = items.length
    ? [`本期要闻 ${items.length} 条：`, ...items.map((n, k) => `${k + 1}. ${monthDay(n.date)} ${n.unit ?? ""}：${truncate(n.text.replace(/\n/gu, " "), 50)}`)]
    : ["本期还没有要闻。单位可发送“要闻：4月1日，……”报送。"];
  if (held.length) lines.push(`另有 ${held.length} 条已移到下期。`);
  if (items.length) lines.push("删除发送「删除要闻 序号」，推迟发送「要闻 序号 移到下期」。");
  return lines.join("\n");
}

function highlightList(items: StoredHighlight[]): string {
  if (!items.length) return "本期还没有亮点。单位可发送“亮点：标题”换行正文，或发送文件名含“亮点”的 .docx/.txt 文件。";
  const chosen = items.find((h) => h.chosen) ?? items[items.length - 1]!;
  return [
    `本期亮点 ${items.length} 篇：`,
    ...items.map((h, k) => `${k + 1}. ${h === chosen ? "【选用】" : ""}《${h.title}》（${h.unit ?? "专班"}，${h.paragraphs.length} 段${h.fileName ? `，文件 ${h.fileName}` : ""}）`),
    items.some((h) => h.chosen) ? "更换请发送「选用亮点 序号」，删除发送「删除亮点 序号」。" : "未指定时用最新一篇；指定请发送「选用亮点 序号」，删除发送「删除亮点 序号」。",
  ].join("\n");
}

const SETTING_WORDS: Record<keyof ReportSettings, string> = { materialKinds: "资料类别", mediaLevels: "媒体级别", system: "上传系统" };

/** 专报设置: what the counts paragraph names; an admin changes one of the three. */
export const reportsettings: Handler<IntentOf<"reportsettings">> = async (ctx, intent) => {
  const store = ctx.deps.bulletins;
  if (!store) return UNAVAILABLE;
  if (!can(ctx.member, "curate")) return "只有管理员可以修改专报设置。";
  const settings = await store.settings();
  if (intent.field) {
    const word = SETTING_WORDS[intent.field];
    const error = intent.field === "system" ? (intent.values[0] ? undefined : "系统名称不能为空") : tallyNamesError(intent.values);
    if (error) return `${word}没有修改：${error}。`;
    const next = { ...settings, [intent.field]: intent.field === "system" ? intent.values[0]! : intent.values };
    await store.saveSettings(next);
    await audited(ctx, "bulletin", `settings:${intent.field}`, { text: `设置${word}：${intent.values.join("、")}` });
    return [`✅ 已设置${word}。`, settingsText(next)].join("\n");
  }
  return settingsText(settings);
};

function settingsText(s: ReportSettings): string {
  return [
    "专报设置：",
    `- 上传系统：${s.system}`,
    `- 资料类别：${s.materialKinds.join("、")}`,
    `- 媒体级别：${s.mediaLevels.join("、")}`,
    "修改请发送「设置资料类别 政策文件、建设内容……」「设置媒体级别 ……」或「设置上传系统 ……」。",
  ].join("\n");
}
