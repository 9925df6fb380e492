-- One audit row per sign-in lock: attempts refused while an email or address is locked are counted, not audited.
ALTER TABLE "LoginThrottle" ADD COLUMN     "refusalAuditedFor" TIMESTAMP(3),
ADD COLUMN     "refusedWhileLocked" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "LoginAddressThrottle" ADD COLUMN     "refusalAuditedFor" TIMESTAMP(3),
ADD COLUMN     "refusedWhileLocked" INTEGER NOT NULL DEFAULT 0;
