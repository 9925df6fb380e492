-- CreateIndex
CREATE INDEX "InstanceHealthHour_instanceId_worst_hour_idx" ON "InstanceHealthHour"("instanceId", "worst", "hour");
