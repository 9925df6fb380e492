-- DropIndex
DROP INDEX "InstanceSnapshot_sweepId_idx";
