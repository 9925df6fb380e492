-- CreateEnum
CREATE TYPE "HealthState" AS ENUM ('healthy', 'degraded', 'down', 'unknown');

-- CreateEnum
CREATE TYPE "CredentialState" AS ENUM ('valid', 'invalid', 'forbidden', 'unknown');

-- CreateTable
CREATE TABLE "InstanceStatus" (
    "instanceId" UUID NOT NULL,
    "health" "HealthState" NOT NULL DEFAULT 'unknown',
    "credential" "CredentialState" NOT NULL DEFAULT 'unknown',
    "harborVersion" TEXT,
    "versionNum" INTEGER,
    "versionLine" TEXT,
    "apiGeneration" TEXT,
    "components" JSONB,
    "projectCount" INTEGER,
    "repoCount" INTEGER,
    "storageBytes" BIGINT,
    "readOnly" BOOLEAN,
    "authMode" TEXT,
    "externalUrl" TEXT,
    "storageProvider" TEXT,
    "latencyMs" INTEGER,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "checkedAt" TIMESTAMP(3),
    "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
    "nextPollAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceStatus_pkey" PRIMARY KEY ("instanceId")
);

-- CreateTable
CREATE TABLE "InstanceSnapshot" (
    "id" BIGSERIAL NOT NULL,
    "instanceId" UUID NOT NULL,
    "sweepId" UUID,
    "checkedAt" TIMESTAMP(3) NOT NULL,
    "health" "HealthState" NOT NULL,
    "credential" "CredentialState" NOT NULL,
    "harborVersion" TEXT,
    "apiGeneration" TEXT,
    "components" JSONB,
    "projectCount" INTEGER,
    "repoCount" INTEGER,
    "storageBytes" BIGINT,
    "readOnly" BOOLEAN,
    "authMode" TEXT,
    "latencyMs" INTEGER,
    "errorKind" TEXT,
    "errorMessage" TEXT,

    CONSTRAINT "InstanceSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CollectorSweep" (
    "id" UUID NOT NULL,
    "trigger" TEXT NOT NULL,
    "requestedBy" TEXT,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "CollectorSweep_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InstanceStatus_health_idx" ON "InstanceStatus"("health");

-- CreateIndex
CREATE INDEX "InstanceStatus_credential_idx" ON "InstanceStatus"("credential");

-- CreateIndex
CREATE INDEX "InstanceStatus_versionLine_idx" ON "InstanceStatus"("versionLine");

-- CreateIndex
CREATE INDEX "InstanceStatus_checkedAt_idx" ON "InstanceStatus"("checkedAt");

-- CreateIndex
CREATE INDEX "InstanceStatus_nextPollAt_idx" ON "InstanceStatus"("nextPollAt");

-- CreateIndex
CREATE INDEX "InstanceSnapshot_instanceId_checkedAt_idx" ON "InstanceSnapshot"("instanceId", "checkedAt" DESC);

-- CreateIndex
CREATE INDEX "InstanceSnapshot_checkedAt_idx" ON "InstanceSnapshot"("checkedAt");

-- CreateIndex
CREATE INDEX "InstanceSnapshot_sweepId_idx" ON "InstanceSnapshot"("sweepId");

-- CreateIndex
CREATE INDEX "CollectorSweep_startedAt_idx" ON "CollectorSweep"("startedAt" DESC);

-- AddForeignKey
ALTER TABLE "InstanceStatus" ADD CONSTRAINT "InstanceStatus_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceSnapshot" ADD CONSTRAINT "InstanceSnapshot_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
