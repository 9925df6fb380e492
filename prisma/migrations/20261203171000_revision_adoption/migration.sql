-- A revision adopted from a running Harbor's files records what those files said that the topology does not hold.
ALTER TABLE "TopologyRevision" ADD COLUMN     "adoptedFrom" TEXT,
ADD COLUMN     "notRepresented" JSONB;
