// What a turn of the bot reads before it understands the message, in one statement: the
// catalogue as it stands (its revision and figures, see catalog-reader), who speaks, and
// whether anything waits for their answer. A question then needs no other round trip.
import type { Catalog } from "../catalog/catalog.js";
import { Prisma } from "../generated/prisma/client.js";
import { catalogStatement, type CatalogColumns } from "./catalog-reader.js";
import type { SqlSession } from "./database.js";
import { memberInfo, type MemberInfo } from "./member-store.js";
import type { PlanStore } from "./plan-store.js";

export interface TurnView {
  catalog: Catalog;
  /** the stored member; undefined: none (the bot decides who is let in) */
  member: MemberInfo | undefined;
  /** a 确认 or a numbered choice (live or expired) waits for the member */
  pendingHeld: boolean;
}

interface Row extends CatalogColumns {
  member: string | null;
  pendingHeld: boolean;
}

export class TurnReader {
  constructor(
    /** the driver itself: this one statement runs on every message, and Prisma's raw-query layer costs more than the query */
    private readonly sql: Pick<SqlSession, "query">,
    private readonly plans: PlanStore,
  ) {}

  async read(memberId: string): Promise<TurnView> {
    const statement = catalogStatement(this.plans.year, this.plans.heldVersions, Prisma.sql`,
        (SELECT json_build_object('id', m."id", 'role', m."role", 'unitId', m."unitId", 'name', m."name",
            'unit', CASE WHEN u."id" IS NULL THEN NULL ELSE json_build_object('name', u."name") END)::text
          FROM "Member" m LEFT JOIN "Unit" u ON u."id" = m."unitId" WHERE m."id" = ${memberId}) AS "member",
        EXISTS (SELECT 1 FROM "Pending" WHERE "memberId" = ${memberId}) AS "pendingHeld"`);
    const [read] = await this.sql.query<Row>(statement.text, statement.values);
    if (!read) throw new Error("the turn's read returned no row");
    return {
      catalog: await this.plans.current(read),
      // json_build_object of a stored row: its shape is the row's
      // eslint-disable-next-line @typescript-eslint/no-unsafe-type-assertion
      member: read.member ? memberInfo(JSON.parse(read.member) as Parameters<typeof memberInfo>[0]) : undefined,
      pendingHeld: read.pendingHeld,
    };
  }
}
