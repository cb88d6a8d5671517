-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN     "appliedAt" TIMESTAMP(3),
ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "batchId" TEXT,
ADD COLUMN     "holder" TEXT,
ADD COLUMN     "leaseUntil" TIMESTAMP(3),
ADD COLUMN     "replyTo" TEXT,
ADD COLUMN     "text" TEXT;

-- CreateIndex
CREATE INDEX "InboundMessage_leaseUntil_idx" ON "InboundMessage"("leaseUntil");
