-- AlterTable
ALTER TABLE "InstanceStatus" ALTER COLUMN "credentialCheckedAt" SET DATA TYPE TIMESTAMP(3),
ALTER COLUMN "robotExpiresAt" SET DATA TYPE TIMESTAMP(3);
