-- The whole 工作专报: the item wording of the progress section, the plan's report settings, and
-- what units send for the other sections (工作要闻, 工作亮点, the materials and publicity counts).

-- AlterTable
ALTER TABLE "Plan" ADD COLUMN "report" JSONB;
ALTER TABLE "Section" ADD COLUMN "wording" TEXT;
ALTER TABLE "Placement" ADD COLUMN "phrase" TEXT;

-- CreateTable
CREATE TABLE "ReportIssue" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "month" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NewsItem" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "issueId" INTEGER,
    "holdUntil" TEXT,
    "date" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "unitId" INTEGER,
    "memberId" TEXT,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "deletedBy" TEXT,

    CONSTRAINT "NewsItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Highlight" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "issueId" INTEGER,
    "holdUntil" TEXT,
    "chosen" BOOLEAN NOT NULL DEFAULT false,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "unitId" INTEGER,
    "memberId" TEXT,
    "kind" TEXT NOT NULL,
    "fileName" TEXT,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "deletedAt" TIMESTAMP(3),
    "deletedBy" TEXT,

    CONSTRAINT "Highlight_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportTally" (
    "id" SERIAL NOT NULL,
    "year" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "memberId" TEXT,
    "source" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportTally_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportIssue_year_month_key" ON "ReportIssue"("year", "month");
CREATE UNIQUE INDEX "ReportIssue_year_number_key" ON "ReportIssue"("year", "number");
CREATE UNIQUE INDEX "NewsItem_source_key" ON "NewsItem"("source");
CREATE INDEX "NewsItem_year_issueId_idx" ON "NewsItem"("year", "issueId");
CREATE UNIQUE INDEX "Highlight_source_key" ON "Highlight"("source");
CREATE INDEX "Highlight_year_issueId_idx" ON "Highlight"("year", "issueId");
CREATE INDEX "ReportTally_year_kind_name_createdAt_idx" ON "ReportTally"("year", "kind", "name", "createdAt");

-- AddForeignKey
ALTER TABLE "NewsItem" ADD CONSTRAINT "NewsItem_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "ReportIssue"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "Highlight" ADD CONSTRAINT "Highlight_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "ReportIssue"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A database seeded before this migration holds the 2025 plan from 工作专报 第3期 (2025-04-20):
-- that issue is recorded, so the next 专报 is 第4期 (a new database gets it from the seed).
INSERT INTO "ReportIssue" ("year", "month", "number", "date", "createdAt")
SELECT 2025, 4, 3, '2025-04-20', TIMESTAMP '2025-04-19 16:00:00'
WHERE EXISTS (SELECT 1 FROM "Plan" WHERE "year" = 2025 AND "title" = '汨罗市2025年重点民生实事');
