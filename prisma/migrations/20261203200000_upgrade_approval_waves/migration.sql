-- AlterTable: optional admin approval of an upgrade plan's window, and its place in a wave (issue #12)
ALTER TABLE "UpgradePlan" ADD COLUMN     "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" UUID,
ADD COLUMN     "approvedByEmail" TEXT,
ADD COLUMN     "waveId" UUID,
ADD COLUMN     "waveOrder" INTEGER;

-- CreateTable
CREATE TABLE "UpgradeWave" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "targetVersion" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdByEmail" TEXT NOT NULL,

    CONSTRAINT "UpgradeWave_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "UpgradePlan_waveId_waveOrder_key" ON "UpgradePlan"("waveId", "waveOrder");

-- AddForeignKey
ALTER TABLE "UpgradePlan" ADD CONSTRAINT "UpgradePlan_waveId_fkey" FOREIGN KEY ("waveId") REFERENCES "UpgradeWave"("id") ON DELETE SET NULL ON UPDATE CASCADE;
