-- AlterTable
ALTER TABLE "Update" ADD COLUMN     "note" TEXT;
