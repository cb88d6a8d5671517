// What the 工作专报 carries beside the figures: 工作要闻 items, 工作亮点 articles, the counts of
// materials and news reports, and the issues (第N期) made from them. An item belongs to no issue
// until a 专报 is made; the month's 专报 takes every item sent up to its date that no earlier issue
// took, unless the item was moved to a later month (holdUntil). Made again in the same month, the
// 专报 keeps its number and its items and takes what came since; the next month's takes the next
// number. Deleted items stay as rows with who deleted them.
import { z } from "zod";
import type { Prisma, PrismaClient } from "../generated/prisma/client.js";
import { DEFAULT_REPORT_SETTINGS, type ReportSettings, type Tallies, type TallyKind } from "../domain/bulletin.js";
import { addDays, monthEnd } from "../domain/schedule.js";
import { endOfShanghaiDay, startOfShanghaiDay } from "../shanghai.js";

export interface StoredNews {
  id: number;
  date: string;
  text: string;
  unit: string | null;
  memberId: string | null;
  /** the issue that took it (第N期), null while none has */
  issue: number | null;
  /** YYYY-MM: the first month whose 专报 may take it (移到下期) */
  holdUntil: string | null;
  createdAt: Date;
}

export interface StoredHighlight {
  id: number;
  title: string;
  paragraphs: string[];
  unit: string | null;
  memberId: string | null;
  kind: "message" | "file";
  fileName: string | null;
  chosen: boolean;
  issue: number | null;
  createdAt: Date;
}

export interface IssueRow {
  id: number;
  year: number;
  month: number;
  number: number;
  date: string;
}

/** What a 专报 made for a day carries: its issue, its 要闻 and 亮点, the counts then. */
export interface IssueContent {
  issue: IssueRow;
  news: StoredNews[];
  highlights: StoredHighlight[];
  tallies: Tallies;
  /** the kinds of count reported in the issue's month up to its date */
  talliedThisMonth: TallyKind[];
  settings: ReportSettings;
}

export interface NewItem {
  unitId: number | null;
  memberId: string | null;
  /** the inbox message it came from ("wecom:123"): a retry stores nothing more */
  source: string | null;
  at: Date;
}

/** A number asked for that the year already gives another month (第3期 is April's). */
export class IssueNumberTaken extends Error {
  constructor(readonly number: number, readonly month: number) {
    super(`第${number}期已是${month}月的专报`);
  }
}

/** A month before the last made, with no issue of its own: its number would come after a later month's. */
export class IssueOutOfOrder extends Error {
  constructor(readonly month: number, readonly last: IssueRow) {
    super(`${month}月没有出过专报，而${last.month}月已是第${last.number}期，请用 --issue 指定${month}月的期号，例如“第${Math.max(1, last.number - 1)}期”。`);
  }
}

const Settings = z.object({
  system: z.string().min(1),
  materialKinds: z.array(z.string().min(1)).min(1),
  mediaLevels: z.array(z.string().min(1)).min(1),
});

const newsInclude = { issue: { select: { number: true } } } as const;
type NewsRow = Prisma.NewsItemGetPayload<{ include: typeof newsInclude }>;
type HighlightRow = Prisma.HighlightGetPayload<{ include: typeof newsInclude }>;

export class BulletinStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly year: number,
  ) {}

  /** The plan's counts settings (Plan.report), or the seed 专报's. */
  async settings(): Promise<ReportSettings> {
    const plan = await this.prisma.plan.findUnique({ where: { year: this.year }, select: { report: true } });
    const read = Settings.safeParse(plan?.report);
    return read.success ? read.data : DEFAULT_REPORT_SETTINGS;
  }

  /** Replaces the plan's counts settings. */
  async saveSettings(settings: ReportSettings): Promise<void> {
    await this.prisma.plan.update({ where: { year: this.year }, data: { report: { ...settings } } });
  }

  /** Stores a 要闻; false when its message was stored already (a retry). */
  async addNews(item: NewItem & { date: string; text: string }): Promise<boolean> {
    const rows = await this.prisma.newsItem.createMany({
      data: [{ year: this.year, date: item.date, text: item.text, unitId: item.unitId, memberId: item.memberId, source: item.source, createdAt: item.at }],
      skipDuplicates: true,
    });
    return rows.count > 0;
  }

  /** Stores a 亮点; false when its message was stored already. */
  async addHighlight(item: NewItem & { title: string; paragraphs: string[]; kind: "message" | "file"; fileName: string | null }): Promise<boolean> {
    const rows = await this.prisma.highlight.createMany({
      data: [{ year: this.year, title: item.title, body: item.paragraphs.join("\n"), kind: item.kind, fileName: item.fileName, unitId: item.unitId, memberId: item.memberId, source: item.source, createdAt: item.at }],
      skipDuplicates: true,
    });
    return rows.count > 0;
  }

  /**
   * The 要闻 the month's 专报 carries or would carry if made on `day`: those its issue took, and
   * those no issue took yet, sent by the end of `day` and not moved to a later month.
   */
  async currentNews(day: string): Promise<StoredNews[]> {
    return this.toNews(await this.prisma.newsItem.findMany({ where: await this.currentWhere(day), include: newsInclude, orderBy: [{ date: "asc" }, { id: "asc" }] }));
  }

  async currentHighlights(day: string): Promise<StoredHighlight[]> {
    return this.toHighlights(await this.prisma.highlight.findMany({ where: await this.currentWhere(day), include: newsInclude, orderBy: { id: "asc" } }));
  }

  /** Items moved to a later month than `day`'s, not yet taken. */
  async heldNews(day: string): Promise<StoredNews[]> {
    return this.toNews(await this.prisma.newsItem.findMany({
      where: { year: this.year, deletedAt: null, issueId: null, holdUntil: { gt: day.slice(0, 7) } },
      include: newsInclude,
      orderBy: [{ date: "asc" }, { id: "asc" }],
    }));
  }

  async deleteNews(id: number, by: string, at: Date): Promise<void> {
    await this.prisma.newsItem.update({ where: { id }, data: { deletedAt: at, deletedBy: by } });
  }

  async deleteHighlight(id: number, by: string, at: Date): Promise<void> {
    await this.prisma.highlight.update({ where: { id }, data: { deletedAt: at, deletedBy: by, chosen: false } });
  }

  /** Out of the month's 专报, into the next month's: taken off its issue if one took it. */
  async deferNews(id: number, day: string): Promise<string> {
    const next = nextMonth(day);
    await this.prisma.newsItem.update({ where: { id }, data: { issueId: null, holdUntil: next } });
    return next;
  }

  /** Marks one 亮点 as the one the month's 专报 carries, and no other of that month. */
  async chooseHighlight(id: number, day: string): Promise<void> {
    const where = await this.currentWhere(day);
    await this.prisma.$transaction([
      this.prisma.highlight.updateMany({ where: { ...where, chosen: true }, data: { chosen: false } }),
      this.prisma.highlight.update({ where: { id }, data: { chosen: true } }),
    ]);
  }

  /** The newest count of every name of one kind reported up to `until`. */
  async tallies(until: Date): Promise<Tallies> {
    const rows = await this.prisma.reportTally.findMany({
      where: { year: this.year, createdAt: { lte: until } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { kind: true, name: true, value: true },
    });
    const out: Tallies = { materials: {}, news: {} };
    for (const r of rows) if (r.kind === "materials" || r.kind === "news") out[r.kind][r.name] = r.value;
    return out;
  }

  /** Records the counts of one message, together; false when the message was recorded already. */
  async recordTallies(kind: TallyKind, entries: { name: string; value: number }[], item: Omit<NewItem, "unitId">): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (item.source && (await tx.reportTally.count({ where: { source: item.source } })) > 0) return false;
      await tx.reportTally.createMany({
        data: entries.map((e) => ({ year: this.year, kind, name: e.name, value: e.value, memberId: item.memberId, source: item.source, createdAt: item.at })),
      });
      return true;
    });
  }

  /** The issue of a month, if one was made. */
  async issueOf(month: number): Promise<IssueRow | null> {
    return this.prisma.reportIssue.findUnique({ where: { year_month: { year: this.year, month } }, select: issueSelect });
  }

  /**
   * Makes (or makes again) the 专报 of `day`'s month, numbered `number` or the next; it takes the
   * items no issue took yet, sent by the end of `day`. Returns what it carries.
   */
  async makeIssue(day: string, at: Date, number?: number): Promise<IssueContent> {
    const month = Number(day.slice(5, 7));
    const issue = await this.prisma.$transaction(async (tx) => {
      const made = await tx.reportIssue.findUnique({ where: { year_month: { year: this.year, month } } });
      if (!made && number === undefined) {
        const later = await tx.reportIssue.findFirst({ where: { year: this.year, month: { gt: month } }, orderBy: { month: "desc" }, select: issueSelect });
        if (later) throw new IssueOutOfOrder(month, later);
      }
      const wanted = number ?? made?.number ?? ((await tx.reportIssue.aggregate({ where: { year: this.year }, _max: { number: true } }))._max.number ?? 0) + 1;
      const other = await tx.reportIssue.findUnique({ where: { year_number: { year: this.year, number: wanted } } });
      if (other && other.month !== month) throw new IssueNumberTaken(wanted, other.month);
      const row = made
        ? await tx.reportIssue.update({ where: { id: made.id }, data: { number: wanted, date: day }, select: issueSelect })
        : await tx.reportIssue.create({ data: { year: this.year, month, number: wanted, date: day, createdAt: at }, select: issueSelect });
      const free = this.untaken(day);
      await tx.newsItem.updateMany({ where: free, data: { issueId: row.id } });
      await tx.highlight.updateMany({ where: free, data: { issueId: row.id } });
      return row;
    });
    return this.content(issue);
  }

  /** What an issue carries, without taking anything new. */
  async content(issue: IssueRow): Promise<IssueContent> {
    const where = { issueId: issue.id, deletedAt: null };
    const [news, highlights, settings] = await Promise.all([
      this.prisma.newsItem.findMany({ where, include: newsInclude, orderBy: [{ date: "asc" }, { id: "asc" }] }),
      this.prisma.highlight.findMany({ where, include: newsInclude, orderBy: { id: "asc" } }),
      this.settings(),
    ]);
    const until = endOfShanghaiDay(issue.date);
    const monthStart = startOfShanghaiDay(`${issue.date.slice(0, 7)}-01`);
    const reported = await this.prisma.reportTally.findMany({ where: { year: this.year, createdAt: { gte: monthStart, lte: until } }, distinct: ["kind"], select: { kind: true } });
    return {
      issue,
      news: await this.toNews(news),
      highlights: await this.toHighlights(highlights),
      tallies: await this.tallies(until),
      talliedThisMonth: reported.map((r) => r.kind).filter((k): k is TallyKind => k === "materials" || k === "news"),
      settings,
    };
  }

  /** Items no issue took, sent by the end of `day`, not held for a later month. */
  private untaken(day: string): Prisma.NewsItemWhereInput & Prisma.HighlightWhereInput {
    return {
      year: this.year,
      issueId: null,
      deletedAt: null,
      createdAt: { lte: endOfShanghaiDay(day) },
      OR: [{ holdUntil: null }, { holdUntil: { lte: day.slice(0, 7) } }],
    };
  }

  private async currentWhere(day: string): Promise<Prisma.NewsItemWhereInput & Prisma.HighlightWhereInput> {
    const made = await this.issueOf(Number(day.slice(5, 7)));
    const untaken = this.untaken(day);
    const { createdAt: _sentBy, ...anyTime } = untaken;
    // listing today, what arrives later today is still this month's
    return made ? { OR: [{ year: this.year, issueId: made.id, deletedAt: null }, anyTime] } : anyTime;
  }

  /** The names of the units the rows were sent from, in one read (a unit may be renamed: never kept). */
  private async unitNames(rows: { unitId: number | null }[]): Promise<Map<number, string>> {
    const ids = [...new Set(rows.flatMap((r) => (r.unitId === null ? [] : [r.unitId])))];
    if (!ids.length) return new Map();
    const units = await this.prisma.unit.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    return new Map(units.map((u) => [u.id, u.name]));
  }

  private async toNews(rows: NewsRow[]): Promise<StoredNews[]> {
    const units = await this.unitNames(rows);
    return rows.map((r) => ({
      id: r.id, date: r.date, text: r.text, unit: (r.unitId === null ? undefined : units.get(r.unitId)) ?? null, memberId: r.memberId, issue: r.issue?.number ?? null, holdUntil: r.holdUntil, createdAt: r.createdAt,
    }));
  }

  private async toHighlights(rows: HighlightRow[]): Promise<StoredHighlight[]> {
    const units = await this.unitNames(rows);
    return rows.map((r) => ({
      id: r.id, title: r.title, paragraphs: r.body.split("\n").filter((p) => p.trim() !== ""), unit: (r.unitId === null ? undefined : units.get(r.unitId)) ?? null, memberId: r.memberId,
      kind: r.kind === "file" ? "file" : "message", fileName: r.fileName, chosen: r.chosen, issue: r.issue?.number ?? null, createdAt: r.createdAt,
    }));
  }
}

const issueSelect = { id: true, year: true, month: true, number: true, date: true } as const;

/** YYYY-MM of the month after `day`'s. */
function nextMonth(day: string): string {
  return addDays(monthEnd(Number(day.slice(0, 4)), Number(day.slice(5, 7))), 1).slice(0, 7);
}
