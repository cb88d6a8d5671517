-- AlterTable
ALTER TABLE "ReminderLog" ADD COLUMN     "holder" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "nextAttemptAt" TIMESTAMP(3),
ADD COLUMN     "unsure" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "mentions" JSONB;

-- CreateIndex
CREATE INDEX "ReminderLog_status_idx" ON "ReminderLog"("status");
