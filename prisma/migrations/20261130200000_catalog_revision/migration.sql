-- One counter that every change of the catalogue's structure bumps in its own transaction, so
-- each instance can keep the catalogue in memory and check it with one tiny read per message.
-- Triggers, not application code, bump it: no writer can forget. Members count too: a figure's
-- last change is shown with its reporter's name, and the bot keeps those lines in memory.
-- A figure (value, status text, printed %, updatedAt) is not structure: reports never touch
-- the counter, so it is no hot spot. Figures are checked with every message against the
-- versions an instance holds, and a trigger bumps an indicator's version whenever its figure is
-- written, by whatever writer.

-- CreateTable
CREATE TABLE "CatalogRevision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "CatalogRevision_pkey" PRIMARY KEY ("id")
);

INSERT INTO "CatalogRevision" ("id", "revision") VALUES (1, 0);

CREATE FUNCTION "duban_catalog_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "CatalogRevision" SET "revision" = "revision" + 1 WHERE "id" = 1;
  RETURN NULL;
END
$$;

CREATE TRIGGER "Plan_catalog_changed" AFTER INSERT OR UPDATE OR DELETE ON "Plan"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();
CREATE TRIGGER "Section_catalog_changed" AFTER INSERT OR UPDATE OR DELETE ON "Section"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();
CREATE TRIGGER "Placement_catalog_changed" AFTER INSERT OR UPDATE OR DELETE ON "Placement"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();
CREATE TRIGGER "Unit_catalog_changed" AFTER INSERT OR UPDATE OR DELETE ON "Unit"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();
-- row by row: a name set only if unset (0 rows) must not count as a change
CREATE TRIGGER "Member_catalog_changed" AFTER INSERT OR UPDATE OR DELETE ON "Member"
  FOR EACH ROW EXECUTE FUNCTION "duban_catalog_changed"();
CREATE TRIGGER "Indicator_added_or_removed" AFTER INSERT OR DELETE ON "Indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();
-- every column but the figure's: an UPDATE that names one of these is a catalogue edit
CREATE TRIGGER "Indicator_catalog_changed" AFTER UPDATE OF "planId", "code", "name", "aliases", "kind", "unit", "target", "comparator", "decimals", "schedule", "phrase", "unitId" ON "Indicator"
  FOR EACH STATEMENT EXECUTE FUNCTION "duban_catalog_changed"();

-- an indicator's version counts the writes of its figure
CREATE FUNCTION "duban_figure_written"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."version" := OLD."version" + 1;
  RETURN NEW;
END
$$;

CREATE TRIGGER "Indicator_figure_written" BEFORE UPDATE OF "value", "statusText", "printedPct", "updatedAt" ON "Indicator"
  FOR EACH ROW EXECUTE FUNCTION "duban_figure_written"();
