-- The fleet's worst-first order reads each rank's rows through an index (lib/fleet/fleet-filters.ts statusRankSets):
-- robots whose expiry falls within the warning window are found here, not by reading every status row.
CREATE INDEX "InstanceStatus_robotExpiresAt_idx" ON "InstanceStatus"("robotExpiresAt");
