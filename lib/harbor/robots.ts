import "server-only";
import { sendJson } from "./call";
import { harborOk, localFailure, type HarborResult } from "./errors";
import { atLeast } from "../releases";
import { classifyRobotExpiry, storedRobotName, type RobotExpiryValue } from "./robot-expiry";
import { ZHarborRobot } from "./schemas";
import { apiPath, type HarborClient } from "./transport";
import { effectiveVersion, resolveVersion, versionLabel } from "./version";

/**
 * When the robot account `name` (the login name, e.g. "robot$fleet") expires, from GET /robots (robot v2,
 * Harbor 2.2+). Without `level` in `q` Harbor lists system robots only, and only to callers with the
 * system "robot: list" permission: a robot without it gets 403 (forbidden). A project robot, or a name with
 * a custom robot_name_prefix, is not found. Before 2.2 robots are JWT tokens whose expiry the API does not
 * expose: unsupported_version, without a request.
 */
export async function getRobotExpiry(opts: { client: HarborClient; name: string }): Promise<HarborResult<RobotExpiryValue>> {
  const { client, name } = opts;
  if (!name) throw new Error("getRobotExpiry: name is required");
  const d = await resolveVersion({ client });
  if (!d.ok) return d;
  if (d.value.generation === "v1" || !atLeast(effectiveVersion(d.value), 2, 2)) {
    return localFailure(
      "unsupported_version",
      `${versionLabel(d.value)} does not expose robot account expiry (robot accounts before 2.2 are tokens); it arrived with robot accounts v2 in Harbor 2.2.`,
    );
  }
  const stored = storedRobotName(name);
  // Exact match (`k=v`). Not quoted: Harbor's q parser keeps quotes of an exact term as part of the value
  // (src/lib/q/builder.go escapeValue), and robot names are [a-z0-9._-] only (validateName), nothing to escape.
  const r = await sendJson(client, {
    method: "GET",
    path: apiPath(d.value.generation, "robots"),
    query: { q: `name=${stored}`, page: 1, page_size: 10 },
    schema: ZHarborRobot.array(),
  });
  if (!r.ok) return r;
  const hit = r.value.data.find((x) => x.name === name) ?? r.value.data.find((x) => storedRobotName(x.name) === stored);
  return harborOk(hit ? classifyRobotExpiry(hit) : { kind: "not_found" }, r.requestId);
}
