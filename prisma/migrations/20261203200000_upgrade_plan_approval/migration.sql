-- AlterTable: optional admin approval of an upgrade plan's window (issue #12)
ALTER TABLE "UpgradePlan" ADD COLUMN     "requiresApproval" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvedAt" TIMESTAMP(3),
ADD COLUMN     "approvedById" UUID,
ADD COLUMN     "approvedByEmail" TEXT;
