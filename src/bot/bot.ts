// The channel-agnostic bot: (member, text) → reply. Every channel and the CLI call this.
// Identity and permission are decided here from the member id the channel verified, never
// from anything the message says.
import { randomUUID } from "node:crypto";
import { indicatorByCode, indicatorsUnder, vocabularyOf, type Catalog, type CatalogIndicator } from "../catalog/catalog.js";
import { deadlineYearError, parseChineseDate, type ScheduleBasis } from "../domain/schedule.js";
import type { ProgressContext } from "../domain/status.js";
import type { Intent, IntentOf } from "../nlu/intent.js";
import type { Turn, Understood } from "../llm/understand.js";
import type { Shortlist } from "../nlu/model-intent.js";
import { parseMessage } from "../nlu/parse.js";
import { needsModel, shortlistFor } from "../nlu/shortlist.js";
import { checkPersonName } from "../domain/person-name.js";
import { UnknownUnit, type MemberInfo, type MemberStore } from "../store/member-store.js";
import { NothingHeld, type ChangeContext, type PlanStore } from "../store/plan-store.js";
import type { ReminderStore } from "../store/reminder-store.js";
import type { AuditStore } from "../store/audit-store.js";
import { addDays } from "../reminders/calendar.js";
import { laggardsChartSvg, svgToPng } from "../charts/laggards.js";
import { reportDocx } from "../report/docx.js";
import { progressReport, reportText, type ReportNames } from "../report/render.js";
import { monthSummary } from "../report/summary.js";
import type { NameCapture } from "./name-capture.js";
import { reminderCommand } from "./reminder-settings.js";
import type { TurnMemory } from "./turns.js";
import * as render from "./render.js";
import { laggardsOf } from "./render.js";
import { changeLine, planChanges, problemMessage, type PlannedChange } from "./report-flow.js";

const NOTHING_HELD = "当前没有待确认的操作。";
const MEMBER_ID = /^(api|wecom|telegram|cli):[^\s:]{1,64}$/;

export interface BotConfig {
  admins: string[];
  defaultRole: "viewer" | "none";
  basis: ScheduleBasis;
  /** how long a 确认 or a numbered choice stays open */
  pendingTtlMs: number;
  /** whom to ask for access, named in refusals */
  adminContact: string;
  /** the 工作专报's header (DUBAN_ORG_NAME, DUBAN_OFFICE_NAME) */
  reportNames: ReportNames;
}

/** The LLM fallback, when configured (src/llm/understand.ts). */
export interface Model {
  understand(text: string, shortlist: Shortlist, context: Turn[]): Promise<Understood>;
}

/** Personal one-time links to the dashboard (src/http/sign-in.ts). */
export interface SignInLinks {
  issue(memberId: string): Promise<{ url: string; minutes: number }>;
}

export interface BotDeps {
  plans: PlanStore;
  members: MemberStore;
  reminders: ReminderStore;
  /** admin actions by chat (bind, reminder settings) are recorded with who did them */
  audit?: AuditStore;
  model?: Model;
  signIn?: SignInLinks;
  turns?: TurnMemory;
  /** names members from their channel when nobody has (src/bot/name-capture.ts) */
  names?: NameCapture;
  config: BotConfig;
  /** today in Asia/Shanghai, YYYY-MM-DD (DUBAN_TODAY fixes it) */
  today: () => string;
  now: () => Date;
}

export interface Incoming {
  memberId: string;
  channel: string;
  text: string;
  /** said in a group chat, where others read the answer */
  shared?: boolean;
  /** the inbox message (src/store/inbound-store.ts): its change is recorded with it, once */
  message?: { channel: string; messageId: string };
  /** the sender's name as the channel shows it (Telegram's profile): stored only if the member has none */
  displayName?: string;
}

type Pending =
  | { kind: "confirm"; changes: PlannedChange[]; source: string }
  | { kind: "choose"; codes: string[]; intent: Intent; line?: number };

interface Conversation {
  member: MemberInfo;
  msg: Incoming;
  catalog: Catalog;
  ctx: ProgressContext;
}

/** A reply with what a channel sends beside the text, where it can: a chart, a Word file. */
export interface Reply {
  text: string;
  image?: { name: string; png: Buffer };
  file?: { name: string; data: Buffer };
}

export interface Bot {
  /** the reply's text; what every channel can deliver */
  handle(msg: Incoming): Promise<string>;
  /** the reply with its attachments, for channels that send images and files */
  reply(msg: Incoming): Promise<Reply>;
}

export function createBot(deps: BotDeps): Bot {
  const { plans, members, config } = deps;

  const identify = (memberId: string, known?: MemberInfo) => members.identify(memberId, config, known);

  async function handle(msg: Incoming): Promise<string> {
    return (await reply(msg)).text;
  }

  async function reply(msg: Incoming): Promise<Reply> {
    const known = await members.get(msg.memberId);
    const member = await identify(msg.memberId, known);
    if (!member) return { text: `您（${msg.memberId}）还没有开通督办机器人。请把这个编号发给${config.adminContact}，由管理员发送「绑定 ${msg.memberId} 您的单位」开通。` };
    // only a stored member can be named; one without a name may get it from the channel
    if (known && !known.name && deps.names) member.name = await deps.names.learn(known, msg.displayName);
    const catalog = await plans.catalog();
    const ctx: ProgressContext = { date: deps.today(), planYear: catalog.year, basis: config.basis };
    const turn: Conversation = { member, msg, catalog, ctx };
    const vocab = vocabularyOf(catalog);
    let intent = parseMessage(msg.text, vocab);
    let note: string | undefined;
    if (deps.model && needsModel(intent)) {
      // the rules first: instant and free; the model only where they gave up or guessed
      const context = deps.turns?.recent(member.id) ?? [];
      const previous = context.flatMap((t) => t.understood.split(" ").slice(1));
      const understood = await deps.model.understand(msg.text, shortlistFor(msg.text, intent, catalog, vocab, previous), context);
      if (understood.intent) intent = understood.intent;
      note = understood.note;
    }
    // anything but an answer to what waits drops it; a held change is never dropped without a word
    const dropped = intent.type === "confirm" || intent.type === "cancel" || intent.type === "choose" ? undefined : await members.clearPending<Pending>(member.id, deps.now());
    const held = dropped?.kind === "confirm" ? dropped : undefined;
    // 撤销 while a change waits means "not that one": it cancels the held change, not an earlier report
    const answer = intent.type === "undo" && held ? render.heldCancelled(heldNames(turn, held)) : await dispatch(turn, intent);
    deps.turns?.record(member.id, { text: msg.text.slice(0, 200), understood: summary(intent) });
    const out: Reply = typeof answer === "string" ? { text: answer } : answer;
    const notes = [held && intent.type !== "undo" ? render.heldDropped(heldNames(turn, held)) : undefined, note].filter(Boolean);
    return notes.length ? { ...out, text: [out.text, ...notes].join("\n") } : out;
  }

  function heldNames(turn: Conversation, held: Extract<Pending, { kind: "confirm" }>): string[] {
    return held.changes.map((c) => indicatorByCode(turn.catalog, c.code)?.name ?? c.code);
  }

  async function dispatch(turn: Conversation, intent: Intent): Promise<string | Reply> {
    const { catalog, ctx, member } = turn;
    switch (intent.type) {
      case "help":
        return render.helpReply(catalog);
      case "query":
      case "history":
        return withIndicator(turn, intent, intent.ref.codes, async (i) => {
          const entries = intent.type === "history" ? await plans.history(i.id, 10) : await plans.history(i.id, 1, true);
          return intent.type === "history" ? render.historyReply(i, entries) : render.indicatorDetail(i, ctx, entries[0]);
        });
      case "laggards":
        return render.laggardsReply(narrowed(catalog, intent), ctx, scopeName(catalog, intent));
      case "overview":
        return render.overviewReply(catalog, ctx);
      case "unit": {
        const unit = catalog.units.find((u) => u.name === intent.unit);
        if (!unit) return `没有找到单位“${intent.unit}”。`;
        return render.listReply(`${unit.name}牵头的指标`, catalog.indicators.filter((i) => i.unitId === unit.id), ctx);
      }
      case "mine":
        if (!member.unitId) return "您还没有绑定单位，请发送具体指标名称查询，例如「城镇新增就业进度多少」。";
        return render.listReply(`${member.unitName}牵头的指标`, catalog.indicators.filter((i) => i.unitId === member.unitId), ctx);
      case "section": {
        const section = catalog.sections.find((s) => s.code === intent.section);
        if (!section) return "没有找到这个板块。";
        return render.listReply(`${section.label}${section.title}`, indicatorsUnder(catalog, section.code), ctx);
      }
      case "report":
        return report(turn, intent);
      case "confirm":
        return confirm(turn);
      case "cancel": {
        const had = await members.takePending<Pending>(member.id, deps.now());
        return had ? "已取消，没有做任何修改。" : "当前没有待确认的操作。";
      }
      case "choose":
        return choose(turn, intent.index);
      case "undo":
        return undo(turn);
      case "bind":
        return bind(turn, intent);
      case "whoami":
        return whoami(member);
      case "signin":
        return signIn(turn);
      case "name":
        return setName(turn, intent);
      case "reportdoc": {
        const report = progressReport(catalog, { ...deps.config.reportNames, issue: `${ctx.date.slice(0, 4)}年${Number(ctx.date.slice(5, 7))}月`, date: ctx.date });
        return { text: reportText(report), file: { name: `工作专报-${ctx.date}.docx`, data: await reportDocx(report) } };
      }
      case "chart": {
        const lag = laggardsOf(catalog.indicators, ctx).length;
        const text = lag ? `落后指标图（截至 ${ctx.date}，${lag} 项落后于时序进度）` : `截至 ${ctx.date}，没有落后于时序进度的指标。`;
        return lag ? { text, image: { name: `落后指标-${ctx.date}.png`, png: svgToPng(laggardsChartSvg(catalog, ctx)) } } : text;
      }
      case "summary": {
        const lastMonthEnd = addDays(`${ctx.date.slice(0, 7)}-01`, -1);
        return monthSummary(catalog, await plans.catalogAsOf(lastMonthEnd), ctx, lastMonthEnd);
      }
      case "reminders":
        if (member.role !== "admin") return "只有管理员可以修改提醒设置。";
        return recorded(turn, "reminders", intent.unit ?? intent.field ?? intent.action, intent.action === "show", () => reminderCommand(deps.reminders, catalog, intent));
      case "edit":
        if (member.role !== "admin") return "只有管理员可以修改指标的牵头单位、期限和别名。";
        return withIndicator(turn, intent, intent.ref.codes, (i) => edit(turn, i, intent));
      case "unknown":
        return unknownReply(intent);
    }
  }

  /** Runs `fn` on the one indicator meant, or asks which one when the name fits several. */
  async function withIndicator(turn: Conversation, intent: Intent, codes: string[], fn: (i: CatalogIndicator) => Promise<string>): Promise<string> {
    const options = codes.map((c) => indicatorByCode(turn.catalog, c)).filter((i): i is CatalogIndicator => !!i);
    if (options.length === 1) return fn(options[0]!);
    if (options.length === 0) return unknownReply({ type: "unknown", text: turn.msg.text });
    await askChoice(turn, options, intent);
    return render.choiceReply(phraseOf(intent), options);
  }

  async function askChoice(turn: Conversation, options: CatalogIndicator[], intent: Intent, line?: number) {
    const pending: Pending = { kind: "choose", codes: options.map((o) => o.code), intent, line };
    await members.setPending(turn.member.id, pending, new Date(deps.now().getTime() + config.pendingTtlMs));
  }

  async function choose(turn: Conversation, index: number): Promise<string | Reply> {
    const pending = await members.takePending<Pending>(turn.member.id, deps.now());
    if (!pending || pending.kind !== "choose") return "当前没有需要选择的选项。请直接发送指标名称，例如「城镇新增就业进度多少」。";
    const code = pending.codes[index - 1];
    if (!code) {
      await members.setPending(turn.member.id, pending, new Date(deps.now().getTime() + config.pendingTtlMs));
      return `请回复 1 到 ${pending.codes.length} 之间的序号。`;
    }
    return dispatch(turn, withChosen(pending.intent, code, pending.line));
  }

  async function report(turn: Conversation, intent: IntentOf<"report">): Promise<string> {
    const { member, catalog } = turn;
    if (intent.problems.length) return `${intent.problems.map((p) => problemMessage(p, catalog)).join("\n")}\n本条消息未做任何修改。`;
    const ambiguous = intent.lines.findIndex((l) => l.ref.codes.length > 1);
    if (ambiguous >= 0) {
      const line = intent.lines[ambiguous]!;
      const options = line.ref.codes.map((c) => indicatorByCode(catalog, c)).filter((i): i is CatalogIndicator => !!i);
      await askChoice(turn, options, intent, ambiguous);
      return render.choiceReply(line.ref.phrase, options);
    }
    if (member.role === "viewer") return `您是只读用户，只能查询，不能填报。如需填报，请把您的编号 ${member.id} 发给${config.adminContact}，由管理员发送「绑定 ${member.id} 您的单位」。`;
    const plan = planChanges(intent.lines, member, catalog);
    if (!plan.ok) return plan.message;
    const same = plan.changes.filter((c) => c.op !== "note" && c.newValue === c.seenOld);
    if (same.length === plan.changes.length) return `${same.map((c) => indicatorByCode(catalog, c.code)!.name).join("、")}与当前数值相同，无需更新。`;
    const describe = (c: PlannedChange) => changeLine(c, indicatorByCode(catalog, c.code)!);
    // a figure the model read is always shown back first: the rules vouch for their own only
    if (intent.viaModel) for (const c of plan.changes) c.warnings.push("由智能理解得出，请核对");
    if (plan.changes.some((c) => c.warnings.length)) {
      const pending: Pending = { kind: "confirm", changes: plan.changes, source: turn.msg.text };
      await members.setPending(member.id, pending, new Date(deps.now().getTime() + config.pendingTtlMs));
      const lines = plan.changes.map((c) => `- ${describe(c)}${c.warnings.length ? `　⚠️ ${c.warnings.join("，")}` : ""}`);
      return ["以下修改需要您确认：", ...lines, "请核对后回复「确认」执行，或回复「取消」放弃。"].join("\n");
    }
    return applyPlanned(turn, plan.changes, turn.msg.text);
  }

  async function confirm(turn: Conversation): Promise<string> {
    const held = await members.peekPending<Pending>(turn.member.id, deps.now());
    const pending = held?.payload;
    if (!held || !pending || pending.kind !== "confirm") return NOTHING_HELD;
    // permissions are checked again: the member's role may have changed since
    for (const c of pending.changes) {
      const i = indicatorByCode(turn.catalog, c.code);
      const refusal = !i ? "指标已不存在，操作已取消。" : turn.member.role !== "admin" && (turn.member.role !== "reporter" || turn.member.unitId !== i.unitId) ? "您已无权修改该指标，操作已取消。" : undefined;
      if (refusal) {
        await members.clearPending(turn.member.id, deps.now());
        return refusal;
      }
    }
    try {
      return await applyPlanned(turn, pending.changes, pending.source, { memberId: turn.member.id, expiresAt: held.expiresAt });
    } catch (e) {
      if (e instanceof NothingHeld) return NOTHING_HELD;
      throw e;
    }
  }

  async function applyPlanned(turn: Conversation, changes: PlannedChange[], source: string, confirms?: ChangeContext["confirms"]): Promise<string> {
    const applied = await plans.apply(
      changes.map((c) => ({ indicatorId: c.indicatorId, op: c.op, value: c.value, text: c.text, note: c.remark })),
      { memberId: turn.member.id, channel: turn.msg.channel, source, batchId: randomUUID(), at: deps.now(), message: turn.msg.message, ...(confirms ? { confirms } : {}) },
    );
    const lines = applied.map((a) => {
      const i = indicatorByCode(turn.catalog, a.code)!;
      const c = changes.find((x) => x.code === a.code)!;
      return `- ${changeLine({ ...c, seenOld: a.oldValue, seenOldText: a.oldText, newValue: a.newValue }, i)}`;
    });
    return ["✅ 已更新：", ...lines, "如有误，回复「撤销」可撤回本次填报。"].join("\n");
  }

  async function undo(turn: Conversation): Promise<string> {
    const batch = await plans.lastBatch(turn.member.id);
    if (batch.length === 0) return "没有可以撤销的填报。";
    const result = await plans.undo(batch[0]!.batchId!, {
      memberId: turn.member.id, channel: turn.msg.channel, source: turn.msg.text, batchId: randomUUID(), at: deps.now(), message: turn.msg.message,
    });
    if (!result.ok) {
      const i = indicatorByCode(turn.catalog, result.code);
      const by = result.by === null ? "导入或系统" : render.personName(await identify(result.by), result.by === turn.member.id);
      return `无法撤销：“${i?.name ?? result.code}”在您这次填报之后已被${by}修改过。如需更正，请直接发送正确的数字。`;
    }
    const lines = result.changes.map((a) => {
      const i = indicatorByCode(turn.catalog, a.code)!;
      return a.oldValue === a.newValue && a.oldText !== a.newText
        ? `- ${i.name}：进展已恢复为“${a.newText ?? "（无）"}”`
        : `- ${i.name}：${render.quantity(a.oldValue, i.unit)} → ${render.quantity(a.newValue, i.unit)}`;
    });
    return ["↩️ 已撤销您上一次的填报：", ...lines].join("\n");
  }

  async function edit(turn: Conversation, i: CatalogIndicator, intent: IntentOf<"edit">): Promise<string> {
    const ctx = { memberId: turn.member.id, channel: turn.msg.channel, source: turn.msg.text, batchId: randomUUID(), at: deps.now(), message: turn.msg.message };
    if (intent.field === "owner") {
      const unit = await members.findUnit(intent.value);
      if (!unit) return `没有找到单位“${intent.value}”。可用单位：${turn.catalog.units.map((u) => u.name).join("、")}`;
      await plans.edit(i.id, { field: "owner", unitId: unit.id }, ctx);
      return `已把“${i.name}”的牵头单位由${i.owner}改为${unit.name}。`;
    }
    if (intent.field === "deadline") {
      const date = parseChineseDate(intent.value, turn.catalog.year);
      if (!date) return `“${intent.value}”不是日期，请写成：设置期限 ${i.name} 5月31日`;
      if (deadlineYearError(date, turn.catalog.year)) return deadlineYearError(date, turn.catalog.year)!;
      await plans.edit(i.id, { field: "deadline", date }, ctx);
      return `已把“${i.name}”的完成期限设为 ${date}，时序进度按该期限计算。`;
    }
    if (intent.value.length < 2 || intent.value.length > 30) return "别名应为 2 到 30 个字。";
    await plans.edit(i.id, { field: "alias", alias: intent.value }, ctx);
    return `已为“${i.name}”添加别名“${intent.value}”。`;
  }

  /** Runs an admin command and records it with its answer (reading commands are not recorded). */
  async function recorded(turn: Conversation, action: "reminders", target: string, readOnly: boolean, run: () => Promise<string>): Promise<string> {
    const answer = await run();
    if (!readOnly) await deps.audit?.record({ actor: turn.member.id, channel: turn.msg.channel, action, target, detail: { text: turn.msg.text.slice(0, 200), reply: answer.slice(0, 200) }, at: deps.now() });
    return answer;
  }

  async function signIn(turn: Conversation): Promise<string> {
    if (!deps.signIn) return "看板未开放，请联系" + config.adminContact + "。";
    // a link signs in whoever opens it: never into a chat others read
    if (turn.msg.shared) return "看板登录链接只发给本人：请私聊我发送「看板」。";
    const link = await deps.signIn.issue(turn.member.id);
    return `您的看板登录链接（${link.minutes} 分钟内有效，只能使用一次，请勿转发）：\n${link.url}`;
  }

  async function bind(turn: Conversation, intent: IntentOf<"bind">): Promise<string> {
    if (turn.member.role !== "admin") return "只有管理员可以绑定成员。";
    if (!MEMBER_ID.test(intent.member)) {
      return `成员编号“${intent.member}”格式不对，应为 渠道:账号，例如：绑定 wecom:zhangsan 市人社局`;
    }
    if (intent.role === "reporter" && !intent.unit) return "绑定填报员需要写单位，例如：绑定 wecom:zhangsan 市人社局";
    let name: string | undefined;
    if (intent.name !== undefined) {
      // 绑定 wecom:x 查看 市人社局: a unit where the name goes is a slip, not a name
      if (turn.catalog.units.some((u) => u.name === intent.name || u.aliases.includes(intent.name!))) {
        return `“${intent.name}”是单位，不是姓名；请写成：绑定 ${intent.member} ${intent.name} 张三（单位在前，姓名在最后）。`;
      }
      const checked = checkPersonName(intent.name);
      if (!checked.ok) return `${checked.problem}，请写成：绑定 ${intent.member} ${intent.unit ?? "市人社局"} 张三`;
      name = checked.name;
    }
    try {
      const m = await members.put(intent.member, intent.role, intent.unit, name);
      await deps.audit?.record({ actor: turn.member.id, channel: turn.msg.channel, action: "member", target: m.id, detail: { role: m.role, unit: m.unitName, ...(name ? { name } : {}) }, at: deps.now() });
      const roleName = { admin: "管理员", reporter: "填报员", viewer: "只读用户" }[m.role];
      return `已绑定：${render.memberLabel(m)} 为${m.unitName ? ` ${m.unitName} ` : ""}${roleName}。`;
    } catch (e) {
      if (e instanceof UnknownUnit) return `没有找到单位“${e.unit}”。可用单位：${turn.catalog.units.map((u) => u.name).join("、")}`;
      throw e;
    }
  }

  /** 设置姓名 <成员> <姓名> (admins, or anyone for their own id) and 我叫 <姓名> (oneself). */
  async function setName(turn: Conversation, intent: IntentOf<"name">): Promise<string> {
    const target = intent.member ?? turn.member.id;
    const own = target === turn.member.id;
    if (!own && turn.member.role !== "admin") return "只有管理员可以设置他人的姓名；设置自己的姓名请发送「我叫 张三」。";
    if (!MEMBER_ID.test(target)) return `成员编号“${target}”格式不对，应为 渠道:账号，例如：设置姓名 wecom:zhangsan 张三`;
    const example = intent.member ? `设置姓名 ${target} 张三` : "我叫 张三";
    const checked = checkPersonName(intent.name);
    if (!checked.ok) return `${checked.problem}，请写成：${example}`;
    const m = await members.setName(target, checked.name);
    if (!m && own) return `您还没有绑定，暂不能设置姓名；请把编号 ${target} 发给${config.adminContact}，由管理员发送「绑定 ${target} 您的单位 您的姓名」。`;
    if (!m) return `成员 ${target} 还没有绑定，请先发送「绑定 ${target} 单位 ${checked.name}」。`;
    await deps.audit?.record({ actor: turn.member.id, channel: turn.msg.channel, action: "name", target, detail: { name: m.name }, at: deps.now() });
    return intent.member ? `已把 ${target} 的姓名设为 ${m.name}。` : `好的，已把您的姓名设为 ${m.name}。`;
  }

  return { handle, reply };
}

/** The catalogue limited to one unit's or one section's indicators, when the question names one. */
function narrowed(catalog: Catalog, scope: { unit?: string; section?: string }): Catalog {
  if (scope.unit) {
    const unit = catalog.units.find((u) => u.name === scope.unit);
    return { ...catalog, indicators: catalog.indicators.filter((i) => i.unitId === unit?.id) };
  }
  if (scope.section) return { ...catalog, indicators: indicatorsUnder(catalog, scope.section) };
  return catalog;
}

function scopeName(catalog: Catalog, scope: { unit?: string; section?: string }): string {
  if (scope.unit) return scope.unit;
  const s = catalog.sections.find((x) => x.code === scope.section);
  return s ? `${s.label}${s.title}` : "";
}

function whoami(m: MemberInfo): string {
  const role = { admin: "管理员（可查询、填报所有指标、绑定成员）", reporter: `${m.unitName ?? ""}填报员（可查询，可填报本单位指标）`, viewer: "只读用户（只能查询）" }[m.role];
  // a viewer may be one nobody bound, who has no record to keep a name in
  const hint = !m.name && m.role !== "viewer" ? "发送「我叫 张三」可以设置您的姓名。" : "";
  return `您是 ${render.memberLabel(m)}，身份：${role}。${hint}`;
}

function unknownReply(intent: IntentOf<"unknown">): string {
  const text = intent.text.length > 20 ? `${intent.text.slice(0, 20)}…` : intent.text;
  return `没有看懂“${text}”。可以发送指标名称查询进度（例如「城镇新增就业进度多少」），或发送「帮助」查看用法。`;
}

/** "query urban-jobs": how a turn is remembered for the model's context. */
function summary(intent: Intent): string {
  const codes = "ref" in intent ? intent.ref.codes : intent.type === "report" ? intent.lines.flatMap((l) => l.ref.codes) : [];
  return [intent.type, ...codes.slice(0, 3)].join(" ");
}

function phraseOf(intent: Intent): string {
  return "ref" in intent ? intent.ref.phrase : "";
}

/** The same intent with the ambiguous indicator replaced by the one chosen. */
function withChosen(intent: Intent, code: string, line?: number): Intent {
  if (intent.type === "report" && line !== undefined) {
    const lines = intent.lines.map((l, n) => (n === line ? { ...l, ref: { ...l.ref, codes: [code] } } : l));
    return { ...intent, lines };
  }
  if ("ref" in intent) return { ...intent, ref: { ...intent.ref, codes: [code] } };
  return intent;
}
