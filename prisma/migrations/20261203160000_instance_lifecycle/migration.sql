-- CreateEnum
CREATE TYPE "InstanceLifecycle" AS ENUM ('planned', 'running');

-- AlterTable: every instance registered before lifecycles existed is running, so that no bundle ever carries new
-- keys for a Harbor that may already run; new registrations are planned until the collector reaches them.
ALTER TABLE "HarborInstance" ADD COLUMN     "lifecycle" "InstanceLifecycle" NOT NULL DEFAULT 'running',
ADD COLUMN     "reachedAt" TIMESTAMP(3);
ALTER TABLE "HarborInstance" ALTER COLUMN "lifecycle" SET DEFAULT 'planned';

-- The first poll that reached each instance (its /health answered, so the poll holds components), from the history
-- kept and from the latest poll.
UPDATE "HarborInstance" h SET "reachedAt" = r.at
FROM (SELECT "instanceId", min("checkedAt") AS at FROM "InstanceSnapshot" WHERE components IS NOT NULL GROUP BY "instanceId") r
WHERE r."instanceId" = h.id;
UPDATE "HarborInstance" h SET "reachedAt" = s."checkedAt"
FROM "InstanceStatus" s
WHERE s."instanceId" = h.id AND h."reachedAt" IS NULL AND s.components IS NOT NULL AND s."checkedAt" IS NOT NULL;
