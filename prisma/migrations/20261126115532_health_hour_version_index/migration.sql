-- CreateIndex
CREATE INDEX "InstanceHealthHour_instanceId_versionChanges_hour_idx" ON "InstanceHealthHour"("instanceId", "versionChanges", "hour");
