// The composition root: config → database (migrated, seeded) → stores → bot.
// The HTTP server and the CLI both start from here.
import { mkdir } from "node:fs/promises";
import { createBot, type Bot } from "./bot/bot.js";
import { plan2025 } from "./catalog/plan2025.js";
import { seedPlan } from "./catalog/seed.js";
import { reminderDefaults, todayIn, type Config } from "./config.js";
import { openDatabase, type Database, type DatabaseTarget } from "./store/database.js";
import { InboundStore } from "./store/inbound-store.js";
import { MemberStore } from "./store/member-store.js";
import { migrate } from "./store/migrator.js";
import { PlanStore } from "./store/plan-store.js";
import { ReminderStore } from "./store/reminder-store.js";

export interface App {
  config: Config;
  db: Database;
  plans: PlanStore;
  members: MemberStore;
  inbound: InboundStore;
  reminders: ReminderStore;
  bot: Bot;
  close(): Promise<void>;
}

export function databaseTarget(config: Config): DatabaseTarget {
  return config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.DUBAN_DATA_DIR };
}

/** Opens the database, applies pending migrations, seeds the 2025 plan if absent. */
export async function createApp(config: Config, target: DatabaseTarget = databaseTarget(config)): Promise<App> {
  if ("dataDir" in target && !target.dataDir.startsWith("memory://")) await mkdir(target.dataDir, { recursive: true });
  const db = await openDatabase(target);
  try {
    await migrate(db.sql);
    await seedPlan(db.prisma, plan2025);
  } catch (e) {
    await db.close();
    throw e;
  }
  const plans = new PlanStore(db.prisma, config.DUBAN_PLAN_YEAR);
  const members = new MemberStore(db.prisma);
  const reminders = new ReminderStore(db.prisma);
  reminders.defaults = reminderDefaults(config);
  // admins named in the environment are real members, so their changes are attributed
  for (const id of config.DUBAN_ADMINS) await members.ensure(id, "admin");
  const bot = createBot({
    plans,
    members,
    reminders,
    config: {
      admins: config.DUBAN_ADMINS,
      defaultRole: config.DUBAN_DEFAULT_ROLE,
      basis: config.DUBAN_SCHEDULE_BASIS,
      pendingTtlMs: config.DUBAN_PENDING_MINUTES * 60_000,
      adminContact: config.DUBAN_ADMIN_CONTACT,
    },
    today: () => todayIn(config),
    now: () => new Date(),
  });
  return { config, db, plans, members, inbound: new InboundStore(db.prisma), reminders, bot, close: () => db.close() };
}
