import { sql } from "@/lib/db";

type Read = (text: string, params: unknown[]) => Promise<{ id: string; n: number }[]>;
const viaPool: Read = async (text, params) => (await sql().query<{ id: string; n: number }>(text, params)).rows;

/**
 * How many polls of each instance the console has stored: its hourly rows count every poll, whether or not it was
 * kept as a snapshot (a steady instance's are not, within an hour). Instances never stored are left out. `read`: a
 * connection of the test's own, where the console's pools are under test.
 */
export async function storedPolls(instanceIds: string[], read: Read = viaPool): Promise<Map<string, number>> {
  const rows = await read(`select "instanceId"::text as id, sum(polls)::int as n from "InstanceHealthHour" where "instanceId" = any($1::uuid[]) group by 1`, [
    instanceIds,
  ]);
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** The polls stored per instance since `before` (a storedPolls answer), for the instances stored since. */
export async function storedSince(before: Map<string, number>, instanceIds: string[], read: Read = viaPool): Promise<Map<string, number>> {
  const now = await storedPolls(instanceIds, read);
  return new Map([...now].map(([id, n]) => [id, n - (before.get(id) ?? 0)] as const).filter(([, n]) => n > 0));
}
