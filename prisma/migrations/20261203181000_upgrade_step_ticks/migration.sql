-- AlterTable
ALTER TABLE "UpgradePlan" ADD COLUMN     "windowEndedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "UpgradeStepTick" (
    "planId" UUID NOT NULL,
    "hop" INTEGER NOT NULL,
    "stepId" TEXT NOT NULL,
    "tickedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tickedById" UUID,
    "tickedByEmail" TEXT NOT NULL,

    CONSTRAINT "UpgradeStepTick_pkey" PRIMARY KEY ("planId","hop","stepId")
);

-- AddForeignKey
ALTER TABLE "UpgradeStepTick" ADD CONSTRAINT "UpgradeStepTick_planId_fkey" FOREIGN KEY ("planId") REFERENCES "UpgradePlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;
