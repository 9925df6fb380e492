-- CreateEnum
CREATE TYPE "UpgradePlanState" AS ENUM ('draft', 'ready', 'blocked', 'scheduled', 'in_progress', 'needs_attention', 'completed', 'cancelled');

-- CreateTable
CREATE TABLE "UpgradePlan" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "fromVersion" TEXT NOT NULL,
    "targetVersion" TEXT NOT NULL,
    "path" TEXT[],
    "state" "UpgradePlanState" NOT NULL DEFAULT 'draft',
    "version" INTEGER NOT NULL DEFAULT 1,
    "preflight" JSONB,
    "preflightAt" TIMESTAMP(3),
    "windowStart" TIMESTAMP(3),
    "windowEnd" TIMESTAMP(3),
    "windowTimeZone" TEXT,
    "windowStartedAt" TIMESTAMP(3),
    "hopsVerified" INTEGER NOT NULL DEFAULT 0,
    "lastCheck" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdById" UUID,
    "createdByEmail" TEXT NOT NULL,
    "updatedByEmail" TEXT NOT NULL,

    CONSTRAINT "UpgradePlan_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "UpgradePlan_instanceId_createdAt_idx" ON "UpgradePlan"("instanceId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "UpgradePlan_state_createdAt_idx" ON "UpgradePlan"("state", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "UpgradePlan_state_windowStart_idx" ON "UpgradePlan"("state", "windowStart");

-- AddForeignKey
ALTER TABLE "UpgradePlan" ADD CONSTRAINT "UpgradePlan_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
