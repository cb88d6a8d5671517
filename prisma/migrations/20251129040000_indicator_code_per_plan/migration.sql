-- DropIndex
DROP INDEX "Indicator_code_key";

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_planId_code_key" ON "Indicator"("planId", "code");

