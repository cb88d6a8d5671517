// The composition root, the one place that builds things: config → clock → database (migrated,
// seeded) → stores → bot → channels → reminders → http. The service and the CLI both start from
// `compose`; `createApp` is its first half (no channels, no server), which storage tests use.
// Inner modules receive what they need, never this module's types.
import { mkdir } from "node:fs/promises";
import { pino, type DestinationStream } from "pino";
import { createBot, type Bot, type BotConfig } from "./bot/bot.js";
import { NameCapture } from "./bot/name-capture.js";
import { TurnMemory } from "./bot/turns.js";
import { Inbox } from "./channels/answer-once.js";
import type { Log } from "./log.js";
import type { ModelUnderstanding } from "./llm/understand.js";
import { plan2025 } from "./catalog/plan2025.js";
import { seedPlan, seeder } from "./store/seed.js";
import { clockFrom, type Clock } from "./clock.js";
import { reminderDefaults, reportNames, type Config } from "./config.js";
import type { ReportDeps } from "./report/index.js";
import { openDatabase, type Database, type DatabaseTarget } from "./store/database.js";
import { InboundStore } from "./store/inbound-store.js";
import { MemberStore } from "./store/member-store.js";
import { migrate } from "./store/migrator.js";
import { PlanStore } from "./store/plan-store.js";
import { ReminderStore } from "./store/reminder-store.js";
import { AliasSuggestionStore } from "./store/alias-suggestion-store.js";
import { AuditStore } from "./store/audit-store.js";
import { BulletinStore } from "./store/bulletin-store.js";
import { SessionStore } from "./store/session-store.js";
import { TurnReader } from "./store/turn-reader.js";
import { PublicAddress, signInLinks, type SignInDeps } from "./http/sign-in.js";
import type { FastifyInstance } from "fastify";
import { channelSettings, createChannels, type Channels } from "./channels/mount.js";
import { loggerOptions } from "./http/logging.js";
import { buildHttp } from "./http/server.js";
import { createReminderRunner } from "./reminders/index.js";
import type { BotDocuments } from "./bot/context.js";
import { laggardsChartSvg, svgToPng } from "./charts/laggards.js";
import { wholeDocx } from "./report/docx.js";
import { wholeText } from "./report/whole.js";
import { monthSummary } from "./report/summary.js";
import type { ReminderRunner } from "./reminders/runner.js";
import { exportWorkbook, importPlanWorkbook, importReportText, issueReport, ReportRequestError, reportWithGaps } from "./report/index.js";

export interface App {
  config: Config;
  /** the one source of "now" (DUBAN_TODAY fixes it for the whole process) */
  clock: Clock;
  log: Log;
  db: Database;
  plans: PlanStore;
  members: MemberStore;
  inbound: InboundStore;
  /** every channel message, once; the channels register with it, the service sweeps it */
  inbox: Inbox;
  reminders: ReminderStore;
  /** who did what outside the figures (members, settings, imports, sign-ins) */
  audit: AuditStore;
  /** the dashboard's sign-in links and sessions; the server tells `address` where it listens */
  signIn: SignInDeps;
  /** members' names from their channels; a channel with a directory registers it here */
  names: NameCapture;
  bot: Bot;
  /** what the 专报, the Excel export and the imports read and write */
  reports: ReportDeps;
  close(): Promise<void>;
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DUBAN_DATA_DIR };
}

/** Opens the database, applies pending migrations, seeds the 2025 plan if absent. */
export async function createApp(config: Config, target: DatabaseTarget = databaseTarget(config), given?: Clock, logger?: Log): Promise<App> {
  if ("dataDir" in target && !target.dataDir.startsWith("memory://")) await mkdir(target.dataDir, { recursive: true });
  const db = await openDatabase(target);
  try {
    await migrate(db.sql);
    await seedPlan(db.prisma, plan2025);
  } catch (e) {
    await db.close();
    throw e;
  }
  // a fixed day resumes after the stamps earlier processes left on it (see fixedDayClock)
  const clock = given ?? clockFrom(config, config.DUBAN_TODAY ? await latestStamp(db) : undefined);
  const plans = new PlanStore(db, config.DUBAN_PLAN_YEAR, clock);
  const log: Log = logger ?? pino(loggerOptions(config.LOG_LEVEL));
  const members = new MemberStore(db.prisma, log);
  const reminders = new ReminderStore(db.prisma);
  reminders.defaults = reminderDefaults(config);
  // admins named in the environment are real members, so their changes are attributed
  for (const id of config.DUBAN_ADMINS) await members.ensure(id, "admin");
  const audit = new AuditStore(db.prisma);
  const bulletins = new BulletinStore(db.prisma, config.DUBAN_PLAN_YEAR);
  const signIn: SignInDeps = {
    sessions: new SessionStore(db.prisma, { codeMs: config.DUBAN_LOGIN_MINUTES * 60_000, sessionMs: config.DUBAN_SESSION_HOURS * 3_600_000 }),
    audit,
    address: PublicAddress.fromConfig(config),
    now: () => clock.now(),
    codeMinutes: config.DUBAN_LOGIN_MINUTES,
    sessionHours: config.DUBAN_SESSION_HOURS,
  };
  const names = new NameCapture(members, log);
  const bot = createBot({
    turnReader: new TurnReader(db.sql, plans),
    plans,
    members,
    reminders,
    audit,
    bulletins,
    aliasSuggestions: new AliasSuggestionStore(db.prisma),
    signIn: signInLinks(signIn),
    model: await modelFor(config, plans, log, clock),
    turns: new TurnMemory(() => clock.now().getTime()),
    names,
    documents: botDocuments({ names: reportNames(config), bulletins, now: () => clock.now() }),
    log,
    config: botConfig(config),
    today: () => clock.today(),
    now: () => clock.now(),
  });
  const inbound = new InboundStore(db.prisma, db.sql);
  const inbox = new Inbox({ store: inbound, bot, log, leaseMs: config.DUBAN_INBOX_LEASE_MS });
  const reports: ReportDeps = { plans, bulletins, seeder: seeder(db.prisma), today: () => clock.today(), now: () => clock.now(), names: reportNames(config), basis: config.DUBAN_SCHEDULE_BASIS };
  return { config, clock, log, db, plans, members, inbound, inbox, reminders, audit, signIn, names, bot, reports, close: () => db.close() };
}

/** Everything the service runs: the app, its channels, the reminder runner and the HTTP server (not yet listening). */
export interface Service extends App {
  channels: Channels;
  runner: ReminderRunner;
  http: FastifyInstance;
}

export interface ComposeOptions {
  target?: DatabaseTarget;
  clock?: Clock;
  /** the machines' API token */
  token: string;
  /** pino options (tests add a `stream` to read the log) */
  logger?: object & { stream?: DestinationStream };
}

export async function compose(config: Config, opts: ComposeOptions): Promise<Service> {
  // Fastify's `stream` option, as tests pass it to read the log, is pino's second argument
  const { stream, ...options } = (opts.logger ?? loggerOptions(config.LOG_LEVEL)) as { stream?: DestinationStream };
  const logger = stream ? pino(options, stream) : pino(options);
  const log: Log = logger;
  const app = await createApp(config, opts.target ?? databaseTarget(config), opts.clock, log);
  const settings = channelSettings(config);
  const channels = createChannels(settings, {
    inbox: app.inbox,
    welcome: (memberId) => app.bot.welcome(memberId),
    addDirectory: (channel, lookup) => app.names.addDirectory(channel, lookup),
    log,
  });
  const runner = createReminderRunner({
    store: app.reminders, plans: app.plans, members: app.members, channels, settings, admins: config.DUBAN_ADMINS, basis: config.DUBAN_SCHEDULE_BASIS, log,
  });
  const http = buildHttp({
    token: opts.token,
    logger,
    bot: app.bot,
    members: app.members,
    access: { admins: config.DUBAN_ADMINS, defaultRole: config.DUBAN_DEFAULT_ROLE },
    audit: app.audit,
    signIn: app.signIn,
    dashboard: { plans: app.plans, today: () => app.clock.today(), basis: config.DUBAN_SCHEDULE_BASIS },
    documents: { report: (q) => reportWithGaps(app.reports, q), workbook: (date) => exportWorkbook(app.reports, date), today: () => app.clock.today() },
    imports: { importReport: (text, apply, source, force) => importReportText(app.reports, text, apply, source, force), importPlan: (data, apply) => importPlanWorkbook(app.reports, data, apply) },
    runner,
    channels,
    now: () => app.clock.now(),
  });
  return {
    ...app,
    channels,
    runner,
    http,
    async close() {
      await channels.stop();
      await http.close();
      await app.close();
    },
  };
}

/** What the bot hands out but does not make: report/ and charts/, wired here. */
function botDocuments(deps: Pick<ReportDeps, "names" | "bulletins" | "now">): BotDocuments {
  return {
    async monthReport(catalog, date) {
      try {
        const { report, missing } = await issueReport(deps, catalog, date);
        return { issue: report.meta.issue, text: wholeText(report), docx: await wholeDocx(report), missing };
      } catch (e) {
        if (e instanceof ReportRequestError) return { error: e.message };
        throw e;
      }
    },
    monthSummary,
    laggardsChart: (catalog, progress) => svgToPng(laggardsChartSvg(catalog, progress)),
  };
}

async function latestStamp(db: Database): Promise<Date | undefined> {
  const [updates, inbound] = await Promise.all([
    db.prisma.update.aggregate({ _max: { createdAt: true } }),
    db.prisma.inboundMessage.aggregate({ _max: { receivedAt: true } }),
  ]);
  const stamps = [updates._max.createdAt, inbound._max.receivedAt].filter((d): d is Date => d !== null);
  return stamps.length ? new Date(Math.max(...stamps.map((d) => d.getTime()))) : undefined;
}

/** What the bot takes from the environment. */
export function botConfig(config: Config): BotConfig {
  return {
    admins: config.DUBAN_ADMINS,
    defaultRole: config.DUBAN_DEFAULT_ROLE,
    basis: config.DUBAN_SCHEDULE_BASIS,
    pendingTtlMs: config.DUBAN_PENDING_MINUTES * 60_000,
    adminContact: config.DUBAN_ADMIN_CONTACT,
  };
}

/** The LLM fallback when DUBAN_LLM_BASE_URL and DUBAN_LLM_MODEL are set; none otherwise. */
async function modelFor(config: Config, plans: PlanStore, log: Log, clock: Clock): Promise<ModelUnderstanding | undefined> {
  if (!config.DUBAN_LLM_BASE_URL || !config.DUBAN_LLM_MODEL) return undefined;
  // the OpenAI SDK (~0.15 s to load) only where a model is configured
  const { ModelUnderstanding } = await import("./llm/understand.js");
  const catalog = await plans.catalog();
  const sections = catalog.sections.filter((s) => s.level <= 1).map((s) => `- ${s.code}：${s.label}${s.title}`).join("\n");
  const units = catalog.units.map((u) => `- ${u.name}（${u.aliases.join("、")}）`).join("\n");
  return new ModelUnderstanding(
    {
      baseURL: config.DUBAN_LLM_BASE_URL,
      apiKey: config.DUBAN_LLM_API_KEY ?? "none", // a local vLLM or Ollama takes any key
      model: config.DUBAN_LLM_MODEL,
      timeoutMs: config.DUBAN_LLM_TIMEOUT_MS,
      dailyTokens: config.DUBAN_LLM_DAILY_TOKENS,
      failureThreshold: 3,
      cooldownMs: 60_000,
    },
    { title: catalog.title, sections, units },
    log,
    () => clock.now().getTime(),
  );
}
