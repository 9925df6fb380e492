/**
 * One simulated Harbor's data (users, robots, projects, webhook policies) and the version profile that
 * decides which behaviour of docs/harbor/api.md applies. Built once at start; handlers mutate policies only.
 */
import { createHash } from "node:crypto";
import { apiBasePath, PROJECT_NAME, webhookEventTypes, type ApiGeneration, type HarborVersion } from "../../lib/harbor/facts";
import { atLeast, generationOf, parseHarborVersion } from "../../lib/releases";
import type { SimInstanceSpec } from "./types";

export type Role = "projectAdmin" | "maintainer" | "developer" | "guest";
/** Harbor's role ids (common/const.go) */
export const ROLE_IDS: Record<Role, number> = { projectAdmin: 1, developer: 2, guest: 3, maintainer: 4 };

/** Version switches, computed once per instance. */
export interface Profile {
  v: HarborVersion;
  gen: ApiGeneration;
  base: "/api" | "/api/v2.0";
  /** 1.x: `{"code","message"}` text/plain errors, camelCase events, one policy per project */
  v1: boolean;
  /** 2.3+: go-swagger handlers (omitempty models, 422 validation, paginated policies, name-or-id webhook paths) */
  swagger: boolean;
  /** 2.2+: GET /projects/{project_name_or_id} */
  projectNameOrId: boolean;
  /** 2.8+ */
  payloadFormat: boolean;
  executions: boolean;
  /** cookie-bearing unsafe requests: none (1.9.0–1.9.1), beego XSRF (1.9.2–1.10), gorilla/csrf (2.x) */
  csrf: "none" | "xsrf" | "gorilla";
}

export function profileOf(version: string): Profile {
  const v = parseHarborVersion(version);
  const gen = v ? generationOf(v) : null;
  if (!v || !gen) throw new Error(`unsupported Harbor version "${version}"`);
  const v1 = v.major === 1;
  return {
    v,
    gen,
    base: apiBasePath(gen),
    v1,
    swagger: atLeast(v, 2, 3),
    projectNameOrId: atLeast(v, 2, 2),
    payloadFormat: atLeast(v, 2, 8),
    executions: atLeast(v, 2, 8),
    csrf: v1 ? (v.minor === 9 && v.patch < 2 ? "none" : "xsrf") : "gorilla",
  };
}

export interface UserRec {
  id: number;
  username: string;
  password: string;
  sysadmin: boolean;
  created: string;
}

export interface RobotRec {
  id: number;
  name: string;
  secret: string;
  webhookProjects: string[];
  readProjects: string[];
  /** unix seconds; -1: never */
  expiresAt: number;
  canListRobots: boolean;
  disabled: boolean;
  created: string;
}

export interface ProjectRec {
  id: number;
  name: string;
  public: boolean;
  repoCount: number;
  members: Record<string, Role>;
  ownerId: number;
  ownerName: string;
  created: string;
}

export interface TargetRec {
  type: string;
  address: string;
  authHeader: string;
  skipCertVerify: boolean;
  /** "" when absent (always "" before 2.8) */
  payloadFormat: string;
}

export interface PolicyRec {
  id: number;
  name: string;
  description: string;
  projectId: number;
  targets: TargetRec[];
  eventTypes: string[];
  creator: string;
  /** null: a PUT without creation_time stored NULL (read back as Go's zero time) */
  creationTime: string | null;
  updateTime: string;
  enabled: boolean;
  /** every synthetic delivery failed (SimWebhookPolicy.receiverDown) */
  receiverDown?: boolean;
}

export interface InstanceState {
  spec: SimInstanceSpec;
  profile: Profile;
  users: UserRec[];
  robots: RobotRec[];
  projects: ProjectRec[];
  policies: Map<number, PolicyRec>;
  nextPolicyId: number;
  /** "v2.11.2-35f09d55" */
  harborVersion: string;
  /** when the instance "booted": anchor for synthetic timestamps */
  bootTime: number;
}

/** Git commits of the tags the specs come from; other versions get a stable pseudo commit. */
const KNOWN_COMMITS: Record<string, string> = {
  "1.9.4": "49eb397c",
  "1.10.19": "b1a56175",
  "2.0.0": "d0f3dddd",
  "2.5.6": "9b0ac301",
  "2.7.4": "8693b25a",
  "2.8.6": "c090df90",
  "2.11.2": "35f09d55",
  "2.15.2": "080b0220",
};

export function harborVersionString(v: HarborVersion): string {
  const plain = `${v.major}.${v.minor}.${v.patch}`;
  const commit = KNOWN_COMMITS[plain] ?? createHash("sha1").update(plain).digest("hex").slice(0, 8);
  return `v${plain}-${commit}`;
}

const DAY = 86_400_000;

export function buildState(spec: SimInstanceSpec, now = Date.now()): InstanceState {
  const profile = profileOf(spec.version);
  const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
  const userSpecs = spec.users ?? [{ username: "admin", password: "Harbor12345", sysadmin: true }];
  // Harbor: admin is user 1, anonymous is 2, created users start at 3.
  let nextUserId = 3;
  const users = userSpecs.map((u) => ({
    id: u.username === "admin" ? 1 : nextUserId++,
    username: u.username,
    password: u.password,
    sysadmin: Boolean(u.sysadmin),
    created: at(400),
  }));
  const robots = (spec.robots ?? []).map((r, i) => ({
    id: i + 1,
    name: r.name,
    secret: r.secret,
    webhookProjects: r.webhookProjects ?? [],
    readProjects: r.readProjects ?? [],
    expiresAt: r.expiresAt ?? -1,
    canListRobots: Boolean(r.canListRobots),
    disabled: Boolean(r.disabled),
    created: at(90),
  }));
  const owner = users.find((u) => u.sysadmin) ?? users[0];
  const projects = (spec.projects ?? [{ name: "library", public: true }]).map((p, i) => {
    if (!PROJECT_NAME.test(p.name)) throw new Error(`instance ${spec.id}: invalid project name "${p.name}"`);
    return {
      id: i + 1,
      name: p.name,
      public: Boolean(p.public),
      repoCount: p.repoCount ?? 0,
      members: { ...(p.members ?? {}) },
      ownerId: owner?.id ?? 1,
      ownerName: owner?.username ?? "admin",
      created: at(300 - i),
    };
  });
  const state: InstanceState = {
    spec,
    profile,
    users,
    robots,
    projects,
    policies: new Map(),
    nextPolicyId: 1,
    harborVersion: harborVersionString(profile.v),
    bootTime: now,
  };
  const known = new Set(webhookEventTypes(profile.v));
  for (const [i, p] of (spec.policies ?? []).entries()) {
    const project = projects.find((x) => x.name === p.project);
    if (!project) throw new Error(`instance ${spec.id}: policy "${p.name}" names unknown project "${p.project}"`);
    const bad = p.eventTypes.find((e) => !known.has(e));
    if (bad) throw new Error(`instance ${spec.id}: policy "${p.name}": event type ${bad} does not exist in ${spec.version}`);
    const clash = [...state.policies.values()].find((q) =>
      profile.v1 ? q.projectId === project.id : q.name === p.name && (profile.v.minor === 0 || q.projectId === project.id),
    );
    if (clash) throw new Error(`instance ${spec.id}: policy "${p.name}" cannot coexist with "${clash.name}" on ${spec.version}`);
    const id = state.nextPolicyId++;
    state.policies.set(id, {
      id,
      name: p.name,
      description: p.description ?? "",
      projectId: project.id,
      targets: p.targets.map((t) => ({
        type: t.type,
        address: t.address,
        authHeader: t.authHeader ?? "",
        skipCertVerify: Boolean(t.skipCertVerify),
        payloadFormat: profile.payloadFormat && t.type === "http" ? (t.payloadFormat ?? "Default") : "",
      })),
      eventTypes: [...p.eventTypes],
      creator: owner?.username ?? "admin",
      creationTime: at(60 - i),
      updateTime: at(30 - i),
      enabled: p.enabled ?? true,
      receiverDown: p.receiverDown,
    });
  }
  return state;
}

export function projectById(st: InstanceState, id: number): ProjectRec | undefined {
  return st.projects.find((p) => p.id === id);
}

export function projectByName(st: InstanceState, name: string): ProjectRec | undefined {
  return st.projects.find((p) => p.name === name);
}
