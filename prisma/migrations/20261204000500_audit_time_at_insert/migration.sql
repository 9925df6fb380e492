-- An audit row's time is the moment it is inserted, in UTC, taken by the database like its id: the client's clock
-- (Prisma's now()) or the transaction's start could order concurrent rows' times unlike their ids.
ALTER TABLE "AuditEvent" ALTER COLUMN "at" SET DEFAULT timezone('utc'::text, clock_timestamp());
