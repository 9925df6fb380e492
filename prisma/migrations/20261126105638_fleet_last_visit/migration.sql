-- AlterTable
ALTER TABLE "User" ADD COLUMN     "fleetLastViewAt" TIMESTAMP(3),
ADD COLUMN     "fleetSinceAt" TIMESTAMP(3);
