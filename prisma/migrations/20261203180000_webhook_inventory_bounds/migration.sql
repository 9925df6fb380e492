-- AlterTable
ALTER TABLE "WebhookInventoryRefresh" ADD COLUMN     "runningSince" TIMESTAMP(3),
ADD COLUMN     "truncated" BOOLEAN NOT NULL DEFAULT false;
