-- CreateEnum
CREATE TYPE "CredentialKind" AS ENUM ('user', 'robot');

-- CreateEnum
CREATE TYPE "RobotExpiry" AS ENUM ('expires', 'never', 'not_visible', 'not_found');

-- AlterTable
ALTER TABLE "InstanceStatus" ADD COLUMN     "credentialCheckedAt" TIMESTAMPTZ(3),
ADD COLUMN     "credentialKind" "CredentialKind",
ADD COLUMN     "robotExpiresAt" TIMESTAMPTZ(3),
ADD COLUMN     "robotExpiry" "RobotExpiry";
