// The steps of a turn, in the order bot.ts composes them. Identification comes first and makes
// the context the others run on (it answers by itself a member we do not let in).
import { indicatorByCode } from "../catalog/catalog.js";
import { admitted } from "../store/member-store.js";
import { vocabularyOf } from "../nlu/vocabulary.js";
import type { Intent } from "../nlu/intent.js";
import { parseMessage } from "../nlu/parse.js";
import { needsModel, shortlistFor } from "../nlu/shortlist.js";
import type { Step } from "./compose.js";
import type { BotDeps, Incoming, TurnContext } from "./context.js";
import { aliasNote } from "./handlers/aliases.js";
import { handle } from "./handlers/index.js";
import { Pending, type HeldChange } from "./pending.js";
import { fillFrom } from "./recall.js";
import * as render from "./render.js";

/** Who speaks, and the plan as it stands (one read); undefined: a member we do not let in. */
export async function identify(deps: BotDeps, msg: Incoming): Promise<TurnContext | undefined> {
  const { catalog, member: known, pendingHeld } = await deps.turnReader.read(msg.memberId);
  const member = admitted(msg.memberId, deps.config, known);
  if (!member) return undefined;
  // only a stored member can be named; one without a name may get it from the channel
  if (known && !known.name && deps.names) member.name = await deps.names.learn(known, msg.displayName);
  const progress = { date: deps.today(), planYear: catalog.year, basis: deps.config.basis };
  const ctx: TurnContext = {
    deps, msg, member, catalog, progress, pendingHeld, notes: [],
    dispatch: (intent) => {
      ctx.handled = intent;
      return handle(ctx, intent);
    },
  };
  return ctx;
}

/** Keeps what the turn was about, as context for the model's next reading. */
export const remember: Step<TurnContext> = async (ctx, next) => {
  await next();
  if (ctx.intent) ctx.deps.turns?.record(ctx.member.id, { text: ctx.msg.text.slice(0, 200), understood: summary(ctx.intent) }, ctx.handled ?? ctx.intent);
};

/**
 * 上个月呢 / 牵头单位是谁 / 那失业人员再就业呢: the rules mark what leans on the previous turn; the
 * member's own previous question fills it. With none, a follow-up stays one and asks which indicator.
 */
export const recall: Step<TurnContext> = async (ctx, next) => {
  const intent = ctx.intent;
  if (intent?.type === "followup" || (intent?.type === "query" && intent.carry)) {
    const previous = ctx.deps.turns?.previous(ctx.member.id);
    const filled = previous && fillFrom(intent, previous);
    if (filled) ctx.intent = filled;
  }
  await next();
};

/** What the message means: the rules first, instant and free; the model only where they gave up or guessed. */
export const understand: Step<TurnContext> = async (ctx, next) => {
  const { deps, msg, catalog, member } = ctx;
  const vocab = vocabularyOf(catalog);
  ctx.intent = parseMessage(msg.text, vocab, (err, text) => deps.log?.error({ err: String(err), text: text.slice(0, 200) }, "parser failed; answered 没看懂"));
  let note: string | undefined;
  if (deps.model && needsModel(ctx.intent)) {
    const context = deps.turns?.recent(member.id) ?? [];
    const previous = context.flatMap((t) => t.understood.split(" ").slice(1));
    const understood = await deps.model.understand(msg.text, shortlistFor(msg.text, ctx.intent, catalog, vocab, previous), context);
    if (understood.intent) ctx.intent = understood.intent;
    note = understood.note;
  }
  await next();
  if (note) ctx.notes.push(note);
};

// a correction (不对，应该是590) answers a held change too: it replaces the held figure
const ANSWERS: ReadonlySet<Intent["type"]> = new Set(["confirm", "cancel", "choose", "correct"]);

/**
 * Anything but an answer to what waits drops it; a held change is never dropped without a word.
 * 撤销 while a change waits means "not that one": it cancels the held change, not an earlier report.
 */
export const settlePending: Step<TurnContext> = async (ctx, next) => {
  const intent = understood(ctx);
  if (ANSWERS.has(intent.type) || !ctx.pendingHeld) return next();
  const dropped = await ctx.deps.members.clearPending(ctx.member.id, ctx.deps.now(), Pending);
  if (dropped?.kind === "tally") {
    await next();
    ctx.notes.push("（上次比原数少、待确认的专报数字未记录，如需记录请重新发送。）");
    return;
  }
  if (dropped?.kind !== "confirm") return next();
  const names = heldNames(ctx, dropped);
  if (intent.type === "undo") {
    ctx.answer = render.heldCancelled(names);
    return;
  }
  await next();
  ctx.notes.push(render.heldDropped(names));
};

/** Admins hear once of members' phrasings waiting as alias suggestions. */
export const noteAliases: Step<TurnContext> = async (ctx, next) => {
  await next();
  const note = await aliasNote(ctx);
  if (note) ctx.notes.push(note);
};

/** The intent's handler answers. */
export const dispatch: Step<TurnContext> = async (ctx, next) => {
  ctx.answer = await ctx.dispatch(understood(ctx));
  await next();
};

function understood(ctx: TurnContext): Intent {
  if (!ctx.intent) throw new Error("a step that needs the intent runs before understand");
  return ctx.intent;
}

function heldNames(ctx: TurnContext, held: HeldChange): string[] {
  return held.changes.map((c) => indicatorByCode(ctx.catalog, c.code)?.name ?? c.code);
}

/** "query urban-jobs": how a turn is remembered for the model's context. */
function summary(intent: Intent): string {
  const codes = "ref" in intent ? intent.ref.codes : intent.type === "compare" ? intent.refs.flatMap((r) => r.codes) : intent.type === "submission" ? intent.lines.flatMap((l) => l.ref.codes) : [];
  return [intent.type, ...codes.slice(0, 3)].join(" ");
}
