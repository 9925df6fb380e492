-- AlterTable
ALTER TABLE "WebhookFailedDelivery" ADD COLUMN     "harborJobId" INTEGER,
ADD COLUMN     "notifyType" TEXT,
ADD COLUMN     "redeliverBlocker" TEXT;
