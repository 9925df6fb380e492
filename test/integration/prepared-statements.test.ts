/**
 * The fleet pages' statements run prepared by name (lib/db.ts queryOn): a migration that changes what one returns does
 * not break a running process, the names per connection stay bounded, and a reused plan answers as a fresh one does.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PREPARED, queryOn, rawQuery, sql } from "@/lib/db";
import { listFleet } from "@/lib/fleet/fleet-rows";
import { getFleetSummary } from "@/lib/fleet/fleet-summary";
import { ZFleetParams } from "@/lib/schemas/fleet";
import { Prisma } from "@/lib/generated/prisma/client";
import { preparedProbe } from "../support/prepared-probe";

let c: pg.Client;
let preparedHere: Awaited<ReturnType<typeof preparedProbe>>["prepared"];

beforeAll(async () => {
  ({ c, prepared: preparedHere } = await preparedProbe());
});
afterAll(() => c.end());

describe("prepared statements (queryOn)", () => {
  it("prepares a statement once per connection and reuses it, with a plan that answers as a fresh one", async () => {
    const q = (below: number) => Prisma.sql`select count(*)::int as n from prepared_probe where a < ${below} and id > ${10}`;
    for (let below = 0; below < 8; below++) {
      const [named, fresh] = [await queryOn(c, q(below), { prepare: true }), await queryOn(c, q(below))];
      expect(named.rows).toEqual(fresh.rows);
    }
    const mine = await preparedHere();
    expect(mine).toHaveLength(1);
    // PostgreSQL plans the first five runs afresh; by the eighth it settled on one plan for every value.
    expect(Number(mine[0].generic_plans)).toBeGreaterThan(0);
  });

  it("runs the fleet page's statements prepared: the page with its count, and the summary", async () => {
    // Each is then on the pool's most recently released connection (pg-pool reuses it first), where the next query runs.
    const preparedOnPool = async () =>
      (await rawQuery<{ statement: string }[]>(Prisma.sql`select statement from pg_prepared_statements where name like 'hfc\\_%'`)).map((r) => r.statement);
    await listFleet(ZFleetParams.parse({}));
    expect((await preparedOnPool()).some((s) => s.includes("with page as"))).toBe(true);
    await getFleetSummary(); // the first call may also fold the tally's deltas on another connection
    await getFleetSummary();
    expect((await preparedOnPool()).some((s) => s.includes(`"FleetTally"`))).toBe(true);
    // A filter's text, or a scope's, runs unnamed: browsing filters cannot use up the process's names.
    const named = (await preparedOnPool()).length;
    await listFleet(ZFleetParams.parse({ health: "down", q: "nothing-matches" }));
    await getFleetSummary(new Date(), { environment: "staging" });
    expect((await preparedOnPool()).length).toBe(named);
  });

  it("replaces the raw pool's connections, so that no plan kind PostgreSQL chose for a prepared statement lasts", () => {
    expect(sql().options.maxLifetimeSeconds).toBeGreaterThan(0);
    expect(sql().options.maxLifetimeSeconds).toBeLessThanOrEqual(3_600);
  });

  it("keeps working when a migration changes the type a prepared statement returns", async () => {
    const q = Prisma.sql`select a from prepared_probe where id = ${3}`;
    expect((await queryOn(c, q, { prepare: true })).rows).toEqual([{ a: 3 }]);
    await c.query(`alter table prepared_probe alter column a type text using a::text`);
    // PostgreSQL refuses the old plan ("cached plan must not change result type"): the call runs unnamed instead
    expect((await queryOn(c, q, { prepare: true })).rows).toEqual([{ a: "3" }]);
    // and the next one prepares under a new name
    expect((await queryOn(c, q, { prepare: true })).rows).toEqual([{ a: "3" }]);
    await c.query(`alter table prepared_probe alter column a type int using a::int`);
  });

  it(`prepares at most ${MAX_PREPARED} texts; the others run unnamed and still answer`, async () => {
    for (let k = 0; k < MAX_PREPARED + 5; k++) {
      const { rows } = await queryOn(c, Prisma.sql`select ${Prisma.raw(String(k))}::int as k, count(*)::int as n from prepared_probe where id <= ${k}`, {
        prepare: true,
      });
      expect(rows).toEqual([{ k, n: k }]);
    }
    expect((await preparedHere()).length).toBeLessThanOrEqual(MAX_PREPARED);
  });
});
