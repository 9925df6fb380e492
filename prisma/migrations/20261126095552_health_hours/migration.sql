-- CreateTable
CREATE TABLE "InstanceHealthHour" (
    "instanceId" UUID NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "lastAt" TIMESTAMP(3) NOT NULL,
    "health" "HealthState" NOT NULL,
    "worst" "HealthState" NOT NULL,
    "harborVersion" TEXT,
    "versionAt" TIMESTAMP(3),
    "versionChanges" INTEGER NOT NULL DEFAULT 0,
    "polls" INTEGER NOT NULL,
    "healthyPolls" INTEGER NOT NULL,
    "errorPolls" INTEGER NOT NULL,
    "latencySumMs" BIGINT NOT NULL,
    "latencyPolls" INTEGER NOT NULL,
    "latencyMaxMs" INTEGER,

    CONSTRAINT "InstanceHealthHour_pkey" PRIMARY KEY ("instanceId","hour")
);

-- Each row is updated by every poll of its hour: room on the page keeps those updates HOT (no index churn).
ALTER TABLE "InstanceHealthHour" SET (fillfactor = 50);

-- Backfill: the hours of the snapshots already kept, computed as lib/fleet/collector/hours.ts does
-- (HOURS_FROM_SNAPSHOTS_SQL without bounds; test/integration/history.test.ts keeps the two equal). Before the
-- foreign key, so that HarborInstance is not locked while it runs; polls that replicas of the previous release
-- store meanwhile are counted when the hourly maintenance recomputes the closed hours.
insert into "InstanceHealthHour" ("instanceId", hour, "lastAt", health, worst, "harborVersion", "versionAt", "versionChanges",
  polls, "healthyPolls", "errorPolls", "latencySumMs", "latencyPolls", "latencyMaxMs")
select s."instanceId", s.hour, max(s."checkedAt"),
  (array_agg(s.health order by s."checkedAt" desc))[1],
  (array_agg(s.health order by case s.health when 'down' then 3 when 'degraded' then 2 when 'unknown' then 1 else 0 end desc))[1],
  (array_agg(s."harborVersion" order by s."checkedAt" desc) filter (where s."harborVersion" is not null))[1],
  max(s."checkedAt") filter (where s."harborVersion" is not null),
  coalesce(max(v.changes), 0),
  count(*), count(*) filter (where s.health = 'healthy'), count(*) filter (where s."errorKind" is not null),
  coalesce(sum(s."latencyMs"), 0), count(s."latencyMs"), max(s."latencyMs")
from (
  select "instanceId", date_trunc('hour', "checkedAt") as hour, "checkedAt", health, "harborVersion", "errorKind", "latencyMs"
  from "InstanceSnapshot" where true
) s
left join (
  select "instanceId", hour, count(*) filter (where prev <> "harborVersion") as changes
  from (
    select "instanceId", date_trunc('hour', "checkedAt") as hour, "harborVersion",
      lag("harborVersion") over (partition by "instanceId", date_trunc('hour', "checkedAt") order by "checkedAt") as prev
    from "InstanceSnapshot"
    where "harborVersion" is not null and true
  ) t
  group by 1, 2
) v on v."instanceId" = s."instanceId" and v.hour = s.hour
group by s."instanceId", s.hour;


-- CreateIndex
CREATE INDEX "InstanceHealthHour_hour_idx" ON "InstanceHealthHour"("hour");

-- AddForeignKey
ALTER TABLE "InstanceHealthHour" ADD CONSTRAINT "InstanceHealthHour_instanceId_fkey" FOREIGN KEY ("instanceId") REFERENCES "HarborInstance"("id") ON DELETE CASCADE ON UPDATE CASCADE;
