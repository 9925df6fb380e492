-- CreateTable
CREATE TABLE "InstanceHealthHour" (
    "instanceId" UUID NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "health" "HealthState" NOT NULL,
    "worst" "HealthState" NOT NULL,
    "harborVersion" TEXT,
    "polls" INTEGER NOT NULL,
    "healthyPolls" INTEGER NOT NULL,
    "errorPolls" INTEGER NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "latencyPolls" INTEGER NOT NULL,
    "latencyMaxMs" INTEGER,

    CONSTRAINT "InstanceHealthHour_pkey" PRIMARY KEY ("instanceId","hour")
);

-- CreateIndex
CREATE INDEX "InstanceHealthHour_hour_idx" ON "InstanceHealthHour"("hour");

-- AddForeignKey
ALTER TABLE "InstanceHealthHour" ADD CONSTRAINT "InstanceHealthHour_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the hours of the snapshots already kept (one pass; the collector keeps the table up to date from here on).
INSERT INTO "InstanceHealthHour" ("instanceId", "hour", "lastAt", "health", "worst", "harborVersion", "polls", "healthyPolls", "errorPolls", "latencySumMs", "latencyPolls", "latencyMaxMs")
SELECT "instanceId", date_trunc('hour', "checkedAt"), max("checkedAt"),
    (array_agg("health" ORDER BY "checkedAt" DESC))[1],
    (array_agg("health" ORDER BY CASE "health" WHEN 'down' THEN 3 WHEN 'degraded' THEN 2 WHEN 'unknown' THEN 1 ELSE 0 END DESC))[1],
    (array_agg("harborVersion" ORDER BY "checkedAt" DESC) FILTER (WHERE "harborVersion" IS NOT NULL))[1],
    count(*), count(*) FILTER (WHERE "health" = 'healthy'), count(*) FILTER (WHERE "errorKind" IS NOT NULL),
    coalesce(sum("latencyMs"), 0), count("latencyMs"), max("latencyMs")
FROM "InstanceSnapshot"
GROUP BY 1, 2;
