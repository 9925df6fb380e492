-- AlterTable
ALTER TABLE "HarborInstance" ADD COLUMN     "apiGeneration" TEXT,
ADD COLUMN     "connectionTest" JSONB,
ADD COLUMN     "detectedAt" TIMESTAMP(3),
ADD COLUMN     "harborVersion" TEXT;
