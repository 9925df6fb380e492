-- CreateTable
CREATE TABLE "KeyCanary" (
    "id" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "KeyCanary_pkey" PRIMARY KEY ("id")
);
