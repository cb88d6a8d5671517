// What a message means, as a typed value. The rule parser produces it; an LLM (later) must
// produce exactly the same shape, checked by the same schema.
import { z } from "zod";
import { Role } from "../domain/roles.js";

/** One code: resolved. Several: ambiguous, the user picks by number. */
export const IndicatorRef = z.object({
  codes: z.array(z.string()).min(1).max(8),
  phrase: z.string(),
  /** the rules only found names that look alike: a guess, worth a second opinion */
  guess: z.boolean().optional(),
});
export type IndicatorRef = z.infer<typeof IndicatorRef>;

/** A number with its magnitude and unit as written (8.7 万 人). */
export const FigureQuantity = z.object({ number: z.number().finite(), magnitude: z.string(), unit: z.string(), percent: z.boolean() });

export const SubmissionLine = z.object({
  raw: z.string(),
  ref: IndicatorRef,
  op: z.enum(["set", "add", "note"]),
  /** for set/add: the number with its magnitude and unit as written (8.7 万 人) */
  quantity: z
    .object({ number: z.number().finite(), magnitude: z.string(), unit: z.string(), percent: z.boolean() })
    .optional(),
  /** for note: the progress text */
  text: z.string().optional(),
  /** for set/add: the note written after 备注：/注：/说明： (含4月上旬数据), not part of the figure */
  remark: z.string().optional(),
});
export type SubmissionLine = z.infer<typeof SubmissionLine>;

export const LineProblem = z.object({
  raw: z.string(),
  /** approximate (约2600, 三百余), range (60-65), ambiguous-number (2千60: 2060 or 2600?): asked, never guessed */
  kind: z.enum(["unknown-indicator", "no-number", "bad-number", "approximate", "range", "ambiguous-number"]),
  word: z.string().optional(),
  ref: IndicatorRef.optional(),
});
export type LineProblem = z.infer<typeof LineProblem>;

const Month = z.number().int().min(1).max(12);
const Day = z.number().int().min(1).max(31);

/** A day something is due by, as said (domain/day-refs.ts ByDay); resolved against the bot's today. */
export const ByDay = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("date"), month: Month, day: Day }),
  z.object({ kind: z.literal("month-end"), month: Month }),
  z.object({ kind: z.literal("this-month") }),
  z.object({ kind: z.literal("next-month") }),
  z.object({ kind: z.literal("this-week") }),
  z.object({ kind: z.literal("year-end") }),
  z.object({ kind: z.literal("today") }),
]);
export type ByDay = z.infer<typeof ByDay>;

/** Where a stretch of days up to today starts, as said (domain/day-refs.ts SinceDay). */
export const SinceDay = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("today") }),
  z.object({ kind: z.literal("yesterday") }),
  z.object({ kind: z.literal("this-week") }),
  z.object({ kind: z.literal("last-week") }),
  z.object({ kind: z.literal("this-month") }),
  z.object({ kind: z.literal("last-month") }),
  z.object({ kind: z.literal("days"), days: z.number().int().min(1).max(366) }),
  z.object({ kind: z.literal("month"), month: Month }),
  z.object({ kind: z.literal("date"), month: Month, day: Day }),
]);
export type SinceDay = z.infer<typeof SinceDay>;
/** A day named in a question (3月底, 上个月, 4月15日), resolved against today by domain/as-of.ts. */
export const DayRef = z.object({
  phrase: z.string(),
  year: z.number().int().min(2000).max(2100).optional(),
  /** 去年12月: the year before today's */
  lastYear: z.boolean().optional(),
  month: z.number().int().min(1).max(12).optional(),
  day: z.number().int().min(0).max(31).optional(),
  back: z.object({ unit: z.enum(["day", "week", "month"]), n: z.number().int().min(0).max(366) }).optional(),
});
export type DayRef = z.infer<typeof DayRef>;

/** 本月新增了多少 / 比3月底多了多少: the change from the end of `from` to the end of `to` (today when absent). */
export const Change = z.object({ label: z.string(), from: DayRef, to: DayRef.optional() });
export type Change = z.infer<typeof Change>;

/** The time a question is about: as of a past day, or the change over a stretch. */
const Asked = {
  asOf: DayRef.optional(),
  change: Change.optional(),
  /** one fact of the card: 全年目标是多少, 牵头单位是谁 */
  aspect: z.enum(["target", "owner"]).optional(),
};

// re-exported for the CLI and the HTTP layer, which import it from here
export { ROLES, Role } from "../domain/roles.js";

/** Views of many indicators that can be answered as of a past day (3月底哪些指标落后): the catalogue replayed to then. */
export const AS_OF_VIEWS = ["laggards", "overview", "unit", "section", "done", "nodata"] as const;

export const Intent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("help") }),
  z.object({
    type: z.literal("query"),
    ref: IndicatorRef,
    ...Asked,
    /** 那失业人员再就业呢: the previous turn's question, asked of this indicator (filled by the bot) */
    carry: z.boolean().optional(),
  }),
  /** 城镇新增就业和失业人员再就业哪个快 (`which`), or two indicators named together: both cards */
  z.object({
    type: z.literal("compare"),
    refs: z.array(IndicatorRef).min(2).max(5),
    which: z.boolean(),
    asOf: DayRef.optional(),
    /** 那全年目标是多少 after two were named: that fact of each */
    aspect: z.enum(["target", "owner"]).optional(),
  }),
  /** 上个月呢 / 牵头单位是谁 with no indicator named: the previous turn's indicator, filled by the bot */
  z.object({ type: z.literal("followup"), ...Asked }),
  z.object({ type: z.literal("history"), ref: IndicatorRef }),
  /** `limit`: only the first N of the laggards order (进度最慢的三个指标) */
  z.object({ type: z.literal("laggards"), unit: z.string().optional(), section: z.string().optional(), limit: z.number().int().min(1).optional(), asOf: DayRef.optional() }),
  z.object({ type: z.literal("overview"), asOf: DayRef.optional() }),
  z.object({ type: z.literal("unit"), unit: z.string(), asOf: DayRef.optional() }),
  z.object({ type: z.literal("mine") }),
  z.object({ type: z.literal("section"), section: z.string(), asOf: DayRef.optional() }),
  z.object({
    type: z.literal("submission"),
    lines: z.array(SubmissionLine),
    problems: z.array(LineProblem),
    /** 城镇新增就业2415人，失业人员再就业现在多少了: question clauses beside the report, answered, never stored */
    questions: z.array(IndicatorRef).optional(),
    /** understood by the LLM: always shown back for 确认 before anything changes */
    viaModel: z.boolean().optional(),
  }),
  z.object({ type: z.literal("confirm") }),
  z.object({ type: z.literal("cancel") }),
  z.object({ type: z.literal("undo") }),
  z.object({ type: z.literal("choose"), index: z.number().int().min(1) }),
  /** `name`: the display name written after the unit (and role), set with the binding */
  z.object({ type: z.literal("bind"), member: z.string(), role: Role, unit: z.string().optional(), name: z.string().optional() }),
  /** 设置姓名 wecom:zhangsan 张三 (member given) or 我叫张三 (oneself); `name` as written, checked by the bot */
  z.object({ type: z.literal("name"), member: z.string().optional(), name: z.string() }),
  z.object({ type: z.literal("whoami") }),
  /** 看板: a personal one-time link that signs this member in to the dashboard */
  z.object({ type: z.literal("signin") }),
  /** 生成本月专报: the 工作专报 progress section; 本月进度摘要: the leaders' summary */
  z.object({ type: z.literal("reportdoc") }),
  z.object({ type: z.literal("summary") }),
  /** 落后指标图: the laggards chart as an image */
  z.object({ type: z.literal("chart") }),
  /** admin: reminder settings, unit mutes and calendar days */
  z.object({
    type: z.literal("reminders"),
    action: z.enum(["show", "set", "mute", "unmute", "day"]),
    field: z.string().optional(),
    value: z.string().optional(),
    unit: z.string().optional(),
  }),
  /** admin edits of the catalogue: lead unit, deadline, aliases */
  z.object({ type: z.literal("edit"), ref: IndicatorRef, field: z.enum(["owner", "deadline", "alias", "unalias"]), value: z.string() }),
  /** 哪些指标已经完成全年任务了: completion ≥ 100 %, for everything or one unit or section */
  z.object({ type: z.literal("done"), unit: z.string().optional(), section: z.string().optional(), asOf: DayRef.optional() }),
  /** 哪些指标还没有数据 */
  z.object({ type: z.literal("nodata"), unit: z.string().optional(), section: z.string().optional(), asOf: DayRef.optional() }),
  /** 哪些单位还没填报: lead units none of whose members reported this month */
  z.object({ type: z.literal("unreported") }),
  /** 这周有哪些单位更新了数据: the changes since a day; `unit`: one lead unit's (人社局本月报了吗) */
  z.object({ type: z.literal("updates"), since: SinceDay, unit: z.string().optional() }),
  /** 各单位进度排名 / 哪个单位最落后: lead units, the most behind first */
  z.object({ type: z.literal("ranking"), limit: z.number().int().min(1).optional() }),
  /** 5月底前要完成的有哪些: indicators due on or before a day */
  z.object({ type: z.literal("due"), by: ByDay, unit: z.string().optional(), section: z.string().optional() }),
  /** admin: 别名建议 lists the phrasings members used; 采纳别名 2 / 忽略别名 2 decide one */
  z.object({ type: z.literal("aliases"), action: z.enum(["list", "approve", "reject"]), index: z.number().int().min(1).optional() }),
  /** 要闻：… / 工作动态：…: a 工作要闻 item for the current 专报, as written */
  z.object({ type: z.literal("news"), text: z.string().min(1) }),
  /** 亮点：title⏎paragraphs (or a .docx/.txt file the channel read): a 工作亮点 article */
  z.object({ type: z.literal("highlight"), title: z.string().min(1), paragraphs: z.array(z.string()) }),
  /** 资料上传：政策文件 66 条，… / 新闻报道：汨罗级媒体 50 篇，…: cumulative counts by name; `problems`: pieces not read */
  z.object({
    type: z.literal("tally"),
    kind: z.enum(["materials", "news"]),
    entries: z.array(z.object({ name: z.string(), value: z.number().int().min(0) })),
    problems: z.array(z.string()),
  }),
  /** admin: 专报设置 (show), 设置资料类别 政策文件、建设内容…, 设置媒体级别 …, 设置上传系统 … */
  z.object({ type: z.literal("reportsettings"), field: z.enum(["materialKinds", "mediaLevels", "system"]).optional(), values: z.array(z.string()) }),
  /** admin: 本期要闻, 删除要闻 3, 要闻3移到下期, 本期亮点, 选用亮点 2, 删除亮点 2 */
  z.object({ type: z.literal("bulletin"), action: z.enum(["news", "dropnews", "defernews", "highlights", "choosehighlight", "drophighlight"]), index: z.number().int().min(1).optional() }),
  z.object({ type: z.literal("unknown"), text: z.string(), suggestions: z.array(z.string()).optional() }),
  /** 不对，应该是590 / 应为590人: the figure just reported (or held for 确认) replaced */
  z.object({ type: z.literal("correct"), quantity: FigureQuantity }),
  /** 2468人 / 又完成了30个: a figure with no indicator named; the reporter's own indicators are offered */
  z.object({ type: z.literal("bare"), raw: z.string(), op: z.enum(["set", "add"]), quantity: FigureQuantity }),
]);
export type Intent = z.infer<typeof Intent>;
export type IntentOf<T extends Intent["type"]> = Extract<Intent, { type: T }>;

/** Whether the intent is one of AS_OF_VIEWS, which may carry a past day to answer as of. */
export function isAsOfView(intent: Intent): intent is IntentOf<(typeof AS_OF_VIEWS)[number]> {
  return (AS_OF_VIEWS as readonly string[]).includes(intent.type);
}
