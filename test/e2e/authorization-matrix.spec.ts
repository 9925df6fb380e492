/**
 * The authorization matrix, against the production build as an attacker meets it: every server action the build
 * exposes (read from its server-reference manifest, so a new action is covered without anyone remembering) is
 * called directly by its Next-Action id, as anonymous and as every role weaker than its row in
 * test/support/action-matrix.ts, with an input that would do harm; each call must be refused and write nothing.
 * Route handlers likewise.
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import { ACTION_MATRIX, ROLE_RANK, ROUTE_MATRIX, type Ids, type MatrixRole } from "../support/action-matrix";
import { callAction, exposedActions, setUpMatrix, writableState, type Caller, type Matrix } from "./authorization-setup";

test.describe("authorization", () => {
  let contexts: Record<Caller, APIRequestContext>;
  let ids: Ids & { attackerUrl: string };
  let attacker: Matrix["attacker"];
  let dispose: () => Promise<void>;

  test.beforeAll(async () => {
    ({ contexts, ids, attacker, dispose } = await setUpMatrix());
  });

  test.afterAll(async () => {
    await dispose();
  });

  test("every exposed server action has a row in the matrix", () => {
    const missing = exposedActions()
      .filter((a) => !ACTION_MATRIX[a.key])
      .map((a) => a.key);
    expect(missing).toEqual([]);
  });

  test("every server action refuses anonymous callers and weaker roles, and writes nothing", async () => {
    test.setTimeout(180_000);
    const actions = exposedActions();
    expect(actions.length).toBeGreaterThan(10);
    let refusals = 0;
    for (const action of actions) {
      const row = ACTION_MATRIX[action.key];
      const input = row.sample?.({ ...ids, instanceVersion: ids.instanceVersion });
      const callers: Caller[] = [
        "anonymous",
        ...(["viewer", "operator", "admin"] as const).filter((r) => row.role !== "signed-in" && ROLE_RANK[r] < ROLE_RANK[row.role as MatrixRole]),
      ];
      for (const caller of callers) {
        const before = await writableState();
        const res = await callAction(contexts[caller], action.id, input);
        const refused =
          caller === "anonymous"
            ? (res.status >= 300 && res.status < 400 && res.location.includes("/login")) || /"code":"unauthorized"/.test(res.text)
            : /"code":"forbidden"/.test(res.text);
        expect(refused, `${action.key} as ${caller}: ${res.status} ${res.text.slice(0, 300)}`).toBe(true);
        expect(await writableState(), `${action.key} as ${caller} wrote something`).toEqual(before);
        refusals++;
      }
      // The weakest allowed role gets past the gate: malformed input comes back as a validation error, not a refusal.
      if (row.sample && row.role !== "signed-in") {
        const res = await callAction(contexts[row.role as MatrixRole], action.id, "not an object");
        expect(res.text, `${action.key} as ${row.role}`).not.toMatch(/"code":"(forbidden|unauthorized)"/);
      }
    }
    expect(refusals).toBeGreaterThan(20);
    expect(attacker.seen, "no request reached the attacker's server").toEqual([]);
  });

  test("every route handler answers only the roles its row allows", async () => {
    for (const [file, route] of Object.entries(ROUTE_MATRIX)) {
      const url = route.path(ids);
      for (const caller of ["anonymous", "viewer", "operator", "admin"] as const) {
        const res = await contexts[caller].get(url, { maxRedirects: 0 });
        const allowed = route.role === "public" || (caller !== "anonymous" && ROLE_RANK[caller] >= ROLE_RANK[route.role]);
        if (allowed) expect([200, 404], `${file} as ${caller}`).toContain(res.status());
        else expect([401, 403, 307], `${file} as ${caller}`).toContain(res.status());
      }
    }
  });
});
