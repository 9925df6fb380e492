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

-- AlterTable
ALTER TABLE "WebhookTemplate" ADD COLUMN "autoApply" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "WebhookTemplateDrift" (
    "id" UUID NOT NULL,
    "templateId" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "project" TEXT NOT NULL,
    "policyName" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "detectedAt" TIMESTAMP(3) NOT NULL,
    "adoptedAt" TIMESTAMP(3),
    "adoptedByEmail" TEXT,

    CONSTRAINT "WebhookTemplateDrift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WebhookTemplateDrift_templateId_instanceId_project_key" ON "WebhookTemplateDrift"("templateId", "instanceId", "project");

-- AddForeignKey
ALTER TABLE "WebhookTemplateDrift" ADD CONSTRAINT "WebhookTemplateDrift_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "WebhookTemplate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WebhookTemplateDrift" ADD CONSTRAINT "WebhookTemplateDrift_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
