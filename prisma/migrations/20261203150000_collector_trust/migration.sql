-- AlterTable
ALTER TABLE "InstanceSnapshot" ALTER COLUMN "projectCount" SET DATA TYPE BIGINT,
ALTER COLUMN "repoCount" SET DATA TYPE BIGINT;

-- AlterTable
ALTER TABLE "InstanceStatus" ADD COLUMN     "healthWord" TEXT,
ALTER COLUMN "projectCount" SET DATA TYPE BIGINT,
ALTER COLUMN "repoCount" SET DATA TYPE BIGINT;

-- CreateTable
CREATE TABLE "CollectorFailure" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "instanceId" UUID,
    "sweepId" UUID,
    "kind" TEXT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "CollectorFailure_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CollectorFailure_at_idx" ON "CollectorFailure"("at" DESC);

-- CreateIndex
CREATE INDEX "CollectorFailure_instanceId_at_idx" ON "CollectorFailure"("instanceId", "at" DESC);
