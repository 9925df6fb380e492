import pg from "pg";

/**
 * A connection of the test's own with a session-local table to prepare statements against (`prepared_probe`: ids
 * 1–500, `a` = id mod 7), and what that session holds prepared under the console's names (lib/db.ts queryOn).
 */
export async function preparedProbe(): Promise<{ c: pg.Client; prepared(): Promise<{ name: string; generic_plans: string }[]> }> {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  await c.query(`create temp table prepared_probe (id int primary key, a int)`);
  await c.query(`insert into prepared_probe select g, g % 7 from generate_series(1, 500) g`);
  const prepared = async () =>
    (await c.query<{ name: string; generic_plans: string }>(`select name, generic_plans from pg_prepared_statements where name like 'hfc\\_%'`)).rows;
  return { c, prepared };
}
