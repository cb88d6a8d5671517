// The plan's data access, one object for its callers: reading the catalogue (catalog-reader),
// replaying its history (history) and writing changes (change-log, update-rows). Each part
// lives in its own file; this facade only hands calls on.
import type { Catalog } from "../catalog/catalog.js";
import { systemClock, type Clock } from "../clock.js";
import type { Database } from "./database.js";
import { CatalogReader, type CatalogColumns, type HeldVersions } from "./catalog-reader.js";
import { ChangeLog, type AppliedChange, type CatalogEdit, type Change, type FigureToImport, type ImportWritten, type UndoOutcome } from "./change-log.js";
import { PlanHistory, type ChartPoint, type FeedEntry, type HistoryEntry, type NewestUpdate } from "./history.js";
import type { ChangeContext } from "./update-rows.js";

export type { AppliedChange, CatalogEdit, Change, FigureToImport, ImportWritten, UndoOutcome } from "./change-log.js";
export type { ChartPoint, FeedEntry, HistoryEntry, NewestUpdate } from "./history.js";
export { IMPORT_HISTORY } from "./update-kinds.js";
export { AlreadyApplied, NothingHeld, type ChangeContext } from "./update-rows.js";

export class PlanStore {
  private readonly reader: CatalogReader;
  private readonly past: PlanHistory;
  private readonly changes: ChangeLog;
  /** who last changed each figure, as of the revision and figure version it was read at */
  private readonly lastChanges = new Map<number, { key: string; entry: HistoryEntry | undefined }>();

  constructor(
    db: Pick<Database, "prisma" | "sql">,
    readonly year: number,
    /** stamps a change made without `ctx.at` */
    clock: Clock = systemClock,
  ) {
    this.reader = new CatalogReader(db.prisma, year);
    this.past = new PlanHistory(db.prisma, year);
    this.changes = new ChangeLog(db.prisma, db.sql, clock);
  }

  catalog(): Promise<Catalog> {
    return this.reader.catalog();
  }

  /** the figure versions this instance holds (see catalogStatement) */
  get heldVersions(): HeldVersions | undefined {
    return this.reader.heldVersions;
  }

  /** The catalogue from a statement that read catalogStatement (the turn's one read). */
  current(read: CatalogColumns): Promise<Catalog> {
    return this.reader.current(read);
  }

  catalogAsOf(date: string): Promise<Catalog> {
    return this.reader.catalogAsOf(date);
  }

  apply(changes: Change[], ctx: ChangeContext): Promise<AppliedChange[]> {
    return this.changes.apply(changes, ctx);
  }

  importFigures(figures: FigureToImport[], ctx: ChangeContext): Promise<ImportWritten[]> {
    return this.changes.importFigures(figures, ctx);
  }

  undo(batchId: string, ctx: ChangeContext): Promise<UndoOutcome> {
    return this.changes.undo(batchId, ctx);
  }

  edit(indicatorId: number, edit: CatalogEdit, ctx: ChangeContext): Promise<void> {
    return this.changes.edit(indicatorId, edit, ctx);
  }

  newestUpdates(indicatorIds: number[]): Promise<Map<number, NewestUpdate>> {
    return this.past.newestUpdates(indicatorIds);
  }

  lastBatch(memberId: string) {
    return this.past.lastBatch(memberId);
  }

  history(indicatorId: number, limit?: number, valuesOnly?: boolean): Promise<HistoryEntry[]> {
    return this.past.history(indicatorId, limit, valuesOnly);
  }

  /**
   * The latest change of an indicator's figure (a question's 最后更新 line). Read once per change:
   * a new figure bumps the indicator's version, a renamed member the catalogue's revision.
   */
  async lastChange(i: { id: number; version?: number }): Promise<HistoryEntry | undefined> {
    const key = `${this.reader.revision ?? ""}:${i.version ?? ""}`;
    const known = this.lastChanges.get(i.id);
    if (i.version !== undefined && known?.key === key) return known.entry;
    const entry = await this.past.lastFigureChange(i.id);
    if (i.version !== undefined) this.lastChanges.set(i.id, { key, entry });
    return entry;
  }

  feed(limit?: number, since?: Date): Promise<FeedEntry[]> {
    return this.past.feed(limit, since);
  }

  chartPoints(indicatorId: number): Promise<ChartPoint[]> {
    return this.past.chartPoints(indicatorId);
  }

  reportDatesByUnit(since: Date): Promise<Map<string, string[]>> {
    return this.past.reportDatesByUnit(since);
  }
}
