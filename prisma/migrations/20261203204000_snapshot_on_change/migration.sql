-- AlterTable
ALTER TABLE "InstanceStatus" ADD COLUMN     "snapshotAt" TIMESTAMP(3),
ADD COLUMN     "snapshotFingerprint" TEXT;
