-- The fleet page finds instances never polled among those never reached (lib/fleet/fleet-filters.ts NEVER_POLLED),
-- not by reading every instance.
CREATE INDEX "HarborInstance_reachedAt_idx" ON "HarborInstance"("reachedAt");
