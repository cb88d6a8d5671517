-- CreateTable
CREATE TABLE "AliasSuggestion" (
    "id" SERIAL NOT NULL,
    "indicatorId" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "memberId" TEXT,
    "source" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMP(3) NOT NULL,
    "notedAt" TIMESTAMP(3),
    "decidedBy" TEXT,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "AliasSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AliasSuggestion_status_idx" ON "AliasSuggestion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "AliasSuggestion_indicatorId_alias_key" ON "AliasSuggestion"("indicatorId", "alias");

-- AddForeignKey
ALTER TABLE "AliasSuggestion" ADD CONSTRAINT "AliasSuggestion_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
