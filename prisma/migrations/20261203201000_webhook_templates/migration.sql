-- CreateTable
CREATE TABLE "WebhookTemplate" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "eventTypes" TEXT[],
    "targets" JSONB NOT NULL,
    "authCipher" TEXT,
    "environments" "Environment"[] DEFAULT ARRAY[]::"Environment"[],
    "labels" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "instancePattern" TEXT NOT NULL DEFAULT '*',
    "projectPattern" TEXT NOT NULL DEFAULT '*',
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdByEmail" TEXT NOT NULL,
    "updatedByEmail" TEXT NOT NULL,

    CONSTRAINT "WebhookTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookTemplate_name_key" ON "WebhookTemplate"("name");
