-- CreateTable
CREATE TABLE "WebhookInventoryEntry" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "projectId" INTEGER NOT NULL,
    "projectName" TEXT NOT NULL,
    "policyId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "eventTypes" TEXT[],
    "targetTypes" TEXT[],
    "targetHosts" TEXT[],
    "payloadFormats" TEXT[],
    "lastDeliveryAt" TIMESTAMP(3),
    "lastDeliveryStatus" TEXT,
    "lastDeliveryOk" BOOLEAN,
    "failingStreak" INTEGER,
    "refreshedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WebhookInventoryEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookInventoryRefresh" (
    "instanceId" UUID NOT NULL,
    "attemptedAt" TIMESTAMP(3) NOT NULL,
    "succeededAt" TIMESTAMP(3),
    "error" TEXT,
    "projectCount" INTEGER,
    "policyCount" INTEGER,

    CONSTRAINT "WebhookInventoryRefresh_pkey" PRIMARY KEY ("instanceId")
);

-- CreateIndex
CREATE INDEX "WebhookInventoryEntry_projectName_idx" ON "WebhookInventoryEntry"("projectName");

-- CreateIndex
CREATE UNIQUE INDEX "WebhookInventoryEntry_instanceId_policyId_key" ON "WebhookInventoryEntry"("instanceId", "policyId");

-- AddForeignKey
ALTER TABLE "WebhookInventoryEntry" ADD CONSTRAINT "WebhookInventoryEntry_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookInventoryRefresh" ADD CONSTRAINT "WebhookInventoryRefresh_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
