// What several handlers share: picking the one indicator meant (or asking), holding an action
// for the member's answer, applying planned changes, and recording admin actions.
import { randomUUID } from "node:crypto";
import { indicatorByCode, type CatalogIndicator } from "../../catalog/catalog.js";
import type { Intent } from "../../nlu/intent.js";
import type { AuditAction, AuditDetail } from "../../store/audit-store.js";
import type { ChangeContext } from "../../store/plan-store.js";
import type { TurnContext } from "../context.js";
import type { Pending, DraftChange } from "../pending.js";
import * as render from "../render.js";
import { changeLine } from "../submission.js";

/** How member ids are written: 渠道:账号. */
export const MEMBER_ID = /^(api|wecom|telegram|cli):[^\s:]{1,64}$/;

export const NOTHING_HELD = "当前没有待确认的操作。";

/** The indicators the codes name, those that still exist. */
export function indicatorsOf(ctx: TurnContext, codes: string[]): CatalogIndicator[] {
  return codes.map((c) => indicatorByCode(ctx.catalog, c)).filter((i): i is CatalogIndicator => !!i);
}

/** Runs `fn` on the one indicator meant, or asks which one when the name fits several. */
export async function withIndicator(ctx: TurnContext, intent: Intent, codes: string[], fn: (i: CatalogIndicator) => Promise<string>): Promise<string> {
  const options = indicatorsOf(ctx, codes);
  if (options.length === 1) return fn(options[0]!);
  if (options.length === 0) return unknownReply(ctx.msg.text);
  await askChoice(ctx, options, intent);
  return render.choiceReply("ref" in intent ? intent.ref.phrase : "", options);
}

/** Keeps `intent` until the member answers with the number of one of `options`. */
export async function askChoice(ctx: TurnContext, options: CatalogIndicator[], intent: Intent, line?: number): Promise<void> {
  await hold(ctx, { kind: "choose", codes: options.map((o) => o.code), intent, line });
}

/** Stores what waits for the member's answer, open for the configured minutes. */
export async function hold(ctx: TurnContext, pending: Pending): Promise<void> {
  const { deps } = ctx;
  await deps.members.setPending(ctx.member.id, pending, new Date(deps.now().getTime() + deps.config.pendingTtlMs));
}

export function unknownReply(said: string): string {
  const text = said.length > 20 ? `${said.slice(0, 20)}…` : said;
  return `没有看懂“${text}”。可以发送指标名称查询进度（例如「城镇新增就业进度多少」），或发送「帮助」查看用法。`;
}

/** Who changes the plan in this turn, from which message: every change is recorded with it. */
export function changeContext(ctx: TurnContext, source = ctx.msg.text): ChangeContext {
  return { memberId: ctx.member.id, channel: ctx.msg.channel, source, batchId: randomUUID(), at: ctx.deps.now(), message: ctx.msg.message };
}

/** Applies planned changes as one batch and says what changed. */
export async function applyPlanned(ctx: TurnContext, changes: DraftChange[], source: string, confirms?: ChangeContext["confirms"]): Promise<string> {
  const applied = await ctx.deps.plans.apply(
    changes.map((c) => ({ indicatorId: c.indicatorId, op: c.op, value: c.value, text: c.text, note: c.remark })),
    { ...changeContext(ctx, source), ...(confirms ? { confirms } : {}) },
  );
  const lines = applied.map((a) => {
    const i = indicatorByCode(ctx.catalog, a.code)!;
    const c = changes.find((x) => x.code === a.code)!;
    return `- ${changeLine({ ...c, seenOld: a.oldValue, seenOldText: a.oldText, newValue: a.newValue }, i)}`;
  });
  return ["✅ 已更新：", ...lines, "如有误，回复「撤销」可撤回本次填报。"].join("\n");
}

/** Records an admin action by chat with who did it. */
export async function audited(ctx: TurnContext, action: AuditAction, target: string, detail: AuditDetail): Promise<void> {
  await ctx.deps.audit?.record({ actor: ctx.member.id, channel: ctx.msg.channel, action, target, detail, at: ctx.deps.now() });
}
