-- A poll whose statistics came without totals (an account that is not a Harbor system admin) saw part of the instance.
ALTER TABLE "InstanceStatus" ADD COLUMN "usagePartial" BOOLEAN;
