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

// re-exported for the CLI and the HTTP layer, which import it from here
export { ROLES, Role } from "../domain/roles.js";

export const Intent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("help") }),
  z.object({ type: z.literal("query"), ref: IndicatorRef }),
  z.object({ type: z.literal("history"), ref: IndicatorRef }),
  z.object({ type: z.literal("laggards"), unit: z.string().optional(), section: z.string().optional() }),
  z.object({ type: z.literal("overview") }),
  z.object({ type: z.literal("unit"), unit: z.string() }),
  z.object({ type: z.literal("mine") }),
  z.object({ type: z.literal("section"), section: z.string() }),
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
  /** admin: 别名建议 lists the phrasings members used; 采纳别名 2 / 忽略别名 2 decide one */
  z.object({ type: z.literal("aliases"), action: z.enum(["list", "approve", "reject"]), index: z.number().int().min(1).optional() }),
  z.object({ type: z.literal("unknown"), text: z.string(), suggestions: z.array(z.string()).optional() }),
  /** 不对，应该是590 / 应为590人: the figure just reported (or held for 确认) replaced */
  z.object({ type: z.literal("correct"), quantity: FigureQuantity }),
  /** 2468人 / 又完成了30个: a figure with no indicator named; the reporter's own indicators are offered */
  z.object({ type: z.literal("bare"), raw: z.string(), op: z.enum(["set", "add"]), quantity: FigureQuantity }),
]);
export type Intent = z.infer<typeof Intent>;
export type IntentOf<T extends Intent["type"]> = Extract<Intent, { type: T }>;
