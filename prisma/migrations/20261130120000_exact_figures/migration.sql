-- Figures become exact decimals (unconstrained numeric: nothing is rounded, no finite double
-- overflows). Each double goes through its shortest round-trip text, which PostgreSQL 12+ prints
-- with extra_float_digits = 1, so 8.61 stays 8.61 and reads back as the very same double; a
-- direct float8 -> numeric cast would keep only 15 significant digits.
SET LOCAL extra_float_digits = 1;

-- AlterTable
ALTER TABLE "Indicator" ALTER COLUMN "target" SET DATA TYPE DECIMAL USING "target"::text::numeric,
ALTER COLUMN "value" SET DATA TYPE DECIMAL USING "value"::text::numeric;

-- AlterTable
ALTER TABLE "Update" ALTER COLUMN "oldValue" SET DATA TYPE DECIMAL USING "oldValue"::text::numeric,
ALTER COLUMN "newValue" SET DATA TYPE DECIMAL USING "newValue"::text::numeric;
