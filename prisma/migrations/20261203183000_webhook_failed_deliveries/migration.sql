-- CreateTable
CREATE TABLE "WebhookFailedDelivery" (
    "id" UUID NOT NULL,
    "entryId" UUID NOT NULL,
    "at" TIMESTAMP(3),
    "status" TEXT NOT NULL,
    "eventType" TEXT,
    "message" TEXT,

    CONSTRAINT "WebhookFailedDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "WebhookFailedDelivery_entryId_idx" ON "WebhookFailedDelivery"("entryId");

-- CreateIndex
CREATE INDEX "WebhookFailedDelivery_at_idx" ON "WebhookFailedDelivery"("at");

-- AddForeignKey
ALTER TABLE "WebhookFailedDelivery" ADD CONSTRAINT "WebhookFailedDelivery_entryId_fkey" FOREIGN KEY ("entryId") REFERENCES "WebhookInventoryEntry"("id") ON DELETE CASCADE ON UPDATE CASCADE;
