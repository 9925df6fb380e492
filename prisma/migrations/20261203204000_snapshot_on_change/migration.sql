-- AlterTable
ALTER TABLE "InstanceStatus" ADD COLUMN     "snapshotAt" TIMESTAMP(3);
