// What the bot is built from (its deps) and what one turn carries through the steps and the
// handlers: who speaks, the plan as it stands, what the message means, and the answer so far.
import type { Catalog } from "../catalog/catalog.js";
import type { ScheduleBasis } from "../domain/schedule.js";
import type { ProgressContext } from "../domain/status.js";
import type { Turn, Understood } from "../llm/understand.js";
import type { Log } from "../log.js";
import type { Intent, IntentOf } from "../nlu/intent.js";
import type { Shortlist } from "../nlu/model-intent.js";
import type { AliasSuggestionStore } from "../store/alias-suggestion-store.js";
import type { AuditStore } from "../store/audit-store.js";
import type { BulletinStore } from "../store/bulletin-store.js";
import type { MemberInfo, MemberStore } from "../store/member-store.js";
import type { PlanStore } from "../store/plan-store.js";
import type { ReminderStore } from "../store/reminder-store.js";
import type { TurnReader } from "../store/turn-reader.js";
import type { NameCapture } from "./name-capture.js";
import type { TurnMemory } from "./turns.js";

export interface BotConfig {
  admins: string[];
  defaultRole: "viewer" | "none";
  basis: ScheduleBasis;
  /** how long a 确认 or a numbered choice stays open */
  pendingTtlMs: number;
  /** whom to ask for access, named in refusals */
  adminContact: string;
}

/** The LLM fallback, when configured (src/llm/understand.ts). */
export interface Model {
  understand(text: string, shortlist: Shortlist, context: Turn[]): Promise<Understood>;
}

/** Personal one-time links to the dashboard (src/http/sign-in.ts). */
export interface SignInLinks {
  issue(memberId: string): Promise<{ url: string; minutes: number }>;
}

/** Made by report/ and charts/, handed to the bot by the composition root: siblings don't import each other. */
export interface BotDocuments {
  /** the month's whole 工作专报 (its issue made), as text and as a Word file, and what it still lacks; or why it cannot be made */
  monthReport(catalog: Catalog, date: string): Promise<{ issue: string; text: string; docx: Buffer; missing: string[] } | { error: string }>;
  /** what changed since `since` (last month's end), for the leaders */
  monthSummary(now: Catalog, then: Catalog, progress: ProgressContext, since: string): string;
  /** the laggards as a bar chart (PNG) */
  laggardsChart(catalog: Catalog, progress: ProgressContext): Buffer;
}

export interface BotDeps {
  /** what a turn reads first, in one statement: the catalogue, the member, whether something waits */
  turnReader: Pick<TurnReader, "read">;
  plans: PlanStore;
  members: MemberStore;
  reminders: ReminderStore;
  /** phrasings members picked an indicator for, offered to admins as aliases */
  aliasSuggestions?: AliasSuggestionStore;
  /** the 专报's 要闻, 亮点, counts and issues */
  bulletins?: BulletinStore;
  /** admin actions by chat (bind, reminder settings) are recorded with who did them */
  audit?: AuditStore;
  model?: Model;
  signIn?: SignInLinks;
  turns?: TurnMemory;
  /** names members from their channel when nobody has (src/bot/name-capture.ts) */
  names?: NameCapture;
  /** the 工作专报, the leaders' summary and the chart the bot hands out but does not make */
  documents?: BotDocuments;
  /** where a parser failure is reported (the bot still answers "没看懂") */
  log?: Log;
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
  /**
   * the file the text was read from (a 工作亮点 sent as .docx or .txt): the channel hands the bot
   * `亮点：<title>\n<paragraphs>` as `text`, and the file's name here so it can be recorded
   */
  attachment?: { name: string };
}

/** A reply with what a channel sends beside the text, where it can: a chart, a Word file. */
export interface Reply {
  text: string;
  image?: { name: string; png: Buffer };
  file?: { name: string; data: Buffer };
}

/** One turn of a member we let in, as the steps after identification see it. */
export interface TurnContext {
  readonly deps: BotDeps;
  readonly msg: Incoming;
  readonly member: MemberInfo;
  readonly catalog: Catalog;
  /** the date, plan year and schedule basis progress is measured against */
  readonly progress: ProgressContext;
  /** something (a 确认, a numbered choice) waited for the member when the turn began */
  readonly pendingHeld: boolean;
  /** what the message means; set by the understanding step */
  intent?: Intent;
  /** the intent last handed to a handler (a numbered choice hands on the question it completes) */
  handled?: Intent;
  /** the answer; set by dispatch, or by a step that answers itself */
  answer?: string | Reply;
  /** lines appended to the answer (a dropped held change, the model's remark) */
  notes: string[];
  /** runs the handler for an intent: a numbered choice re-dispatches the intent it completes */
  dispatch(intent: Intent): Promise<string | Reply>;
}

/** Answers one kind of intent. */
export type Handler<I extends Intent> = (ctx: TurnContext, intent: I) => Promise<string | Reply>;

/** One handler per intent kind: the compiler refuses a table that misses one. */
export type HandlerTable = { [K in Intent["type"]]: Handler<IntentOf<K>> };
