-- CreateTable
CREATE TABLE "LoginAddressThrottle" (
    "address" TEXT NOT NULL,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "windowStart" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedUntil" TIMESTAMP(3),
    "lastFailureAt" TIMESTAMP(3),

    CONSTRAINT "LoginAddressThrottle_pkey" PRIMARY KEY ("address")
);

-- CreateTable
CREATE TABLE "ConsoleSetting" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "updatedById" UUID,

    CONSTRAINT "ConsoleSetting_pkey" PRIMARY KEY ("key")
);

-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "clientRequestId" TEXT;
