/**
 * Behind a pooler that hands each transaction another server connection (PgBouncer in transaction mode), named
 * statements get lost: the console stops naming them (lib/db.ts queryOn). A file of its own: that switch is per process.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryOn } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

let c: pg.Client;
const preparedHere = async () => (await c.query(`select name from pg_prepared_statements where name like 'hfc\\_%'`)).rows.length;

beforeAll(async () => {
  c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`create temp table prepared_probe (id int primary key, a int)`);
  await c.query(`insert into prepared_probe select g, g % 7 from generate_series(1, 500) g`);
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
    const before = await preparedHere();
    for (const below of [10, 20]) {
      const other = Prisma.sql`select count(*)::int as n from prepared_probe where id < ${below} and a >= ${-1}`;
      expect((await queryOn(c, other, { prepare: true })).rows).toEqual([{ n: below - 1 }]);
    }
    expect(await preparedHere()).toBe(before); // nothing named any more
  });
});
