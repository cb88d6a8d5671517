-- AlterTable
ALTER TABLE "Indicator" ADD COLUMN     "phrase" TEXT;

