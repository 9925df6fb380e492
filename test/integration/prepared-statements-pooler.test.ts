/**
 * Behind a pooler that hands each transaction another server connection (PgBouncer in transaction mode), named
 * statements get lost: the console stops naming them (lib/db.ts queryOn). A file of its own: that switch is per process.
 */
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryOn } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { preparedProbe } from "../support/prepared-probe";

let c: pg.Client;
let preparedHere: Awaited<ReturnType<typeof preparedProbe>>["prepared"];

beforeAll(async () => {
  ({ c, prepared: preparedHere } = await preparedProbe());
});
afterAll(() => c.end());

describe("prepared statements behind a pooler", () => {
  it("behind a pooler that loses named statements, runs them unnamed from then on", async () => {
    const q = Prisma.sql`select count(*)::int as n from prepared_probe where id < ${100} and a >= ${0}`;
    expect((await queryOn(c, q, { prepare: true })).rows).toEqual([{ n: 99 }]);
    const [{ name }] = (await c.query<{ name: string }>(`select name from pg_prepared_statements where statement like '%id < $1 and a >= $2%'`)).rows;
    // what PgBouncer in transaction mode does to it: the next server connection has never seen the name
    await c.query(`deallocate "${name}"`);
    expect((await queryOn(c, q, { prepare: true })).rows).toEqual([{ n: 99 }]);
    const before = (await preparedHere()).length;
    for (const below of [10, 20]) {
      const other = Prisma.sql`select count(*)::int as n from prepared_probe where id < ${below} and a >= ${-1}`;
      expect((await queryOn(c, other, { prepare: true })).rows).toEqual([{ n: below - 1 }]);
    }
    expect((await preparedHere()).length).toBe(before); // nothing named any more
  });
});
