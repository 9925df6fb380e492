-- CreateTable
CREATE TABLE "TopologyRevision" (
    "id" UUID NOT NULL,
    "instanceId" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "topology" JSONB NOT NULL,
    "secretsCipher" TEXT,
    "harborVersion" TEXT NOT NULL,
    "deploymentKind" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" UUID,
    "createdByEmail" TEXT NOT NULL,

    CONSTRAINT "TopologyRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InstanceConfigSecrets" (
    "instanceId" UUID NOT NULL,
    "cipher" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InstanceConfigSecrets_pkey" PRIMARY KEY ("instanceId")
);

-- CreateIndex
CREATE UNIQUE INDEX "TopologyRevision_instanceId_revision_key" ON "TopologyRevision"("instanceId", "revision");

-- AddForeignKey
ALTER TABLE "TopologyRevision" ADD CONSTRAINT "TopologyRevision_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstanceConfigSecrets" ADD CONSTRAINT "InstanceConfigSecrets_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
