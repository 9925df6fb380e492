/**
 * A demo fleet: eight Harbors across every API generation, with the credential the console should be
 * configured with for each. One instance ("dev-sandbox") is healthy but its console credential is wrong,
 * to show how the console reports bad credentials; one ("staging-eu") has unhealthy components.
 */
import { exampleHaTopology, haNodes } from "../../lib/config/example-ha-topology";
import type { TTopologyInput } from "../../lib/schemas/topology";
import type { SimInstanceSpec, SimProject, SimWebhookPolicy } from "./types";

export interface DemoInstance {
  spec: SimInstanceSpec;
  /** what the console should be given for this instance */
  consoleCredential: { username: string; password: string };
  /** the credential above is deliberately wrong (the instance itself is fine) */
  wrongCredential?: boolean;
  note: string;
  /** a recorded topology (revision 1), so the Topology and Config tabs have something to show */
  topology?: TTopologyInput;
}

/** Demo-only values: the seed file is written to .data with mode 600, like the other development secrets. */
const demoSecrets = { adminPassword: "Demo-Admin-Initial-1", db: "demo-pg-password", redis: "demo-redis-password", s3: "demo-s3-secret-key" };

const HELM_HA: TTopologyInput = {
  harborVersion: "2.11.2",
  deployment: {
    kind: "helm",
    helm: {
      namespace: "harbor",
      releaseName: "harbor",
      exposeType: "ingress",
      ingressClassName: "nginx",
      tlsSecretName: "harbor-tls",
      replicas: { portal: 2, core: 3, jobservice: 2, registry: 3, trivy: 1 },
    },
  },
  access: { hostname: "harbor.eu.example.com", tls: "loadBalancer" },
  adminPassword: demoSecrets.adminPassword,
  database: { type: "external", host: "pg-eu.example.com", username: "harbor", password: demoSecrets.db, sslMode: "require", postgresMajor: 16 },
  redis: {
    type: "external",
    mode: "sentinel",
    sentinelHosts: "redis-s1.eu.example.com:26379,redis-s2.eu.example.com:26379,redis-s3.eu.example.com:26379",
    sentinelMasterSet: "harbor",
    password: demoSecrets.redis,
  },
  storage: { type: "s3", s3: { region: "eu-central-1", bucket: "harbor-eu-registry", accessKey: "AKIADEMOEU", secretKey: demoSecrets.s3 } },
  components: { trivy: true, jobservice: { jobLoggers: ["DB", "STD_OUTPUT"] } },
};

/** The HA topology (lib/config/example-ha-topology.ts) in staging: standalone Redis and shared filesystem storage. */
const COMPOSE_HA: TTopologyInput = {
  ...exampleHaTopology("2.8.6", {
    deployment: { nodes: haNodes("10.20.0"), loadBalancer: { address: "harbor.staging.example.com" } },
    access: { hostname: "harbor.staging.example.com" },
    adminPassword: demoSecrets.adminPassword,
    database: { host: "pg-staging.example.com", password: demoSecrets.db },
  }),
  redis: { type: "external", address: "redis-staging.example.com:6379", password: demoSecrets.redis },
  storage: { type: "filesystem", filesystem: { rootDirectory: "/storage", shared: true } },
  components: { trivy: true },
};

const ADMIN = { username: "admin", password: "Harbor12345", sysadmin: true };
const CONSOLE_ROBOT = { name: "robot$fleet-console", secret: "Fl33tC0nsole-s3cret", webhookProjects: ["*"], readProjects: ["*"] };

const teamProjects = (extra: SimProject[] = []): SimProject[] => [
  { name: "library", public: true, repoCount: 12 },
  { name: "platform", repoCount: 34, members: { alice: "projectAdmin", bob: "maintainer" } },
  { name: "payments", repoCount: 9, members: { carol: "projectAdmin", bob: "developer" } },
  { name: "web-frontend", repoCount: 21, members: { dave: "maintainer" } },
  { name: "ml-models", repoCount: 5, members: { erin: "guest" } },
  ...extra,
];

const teamUsers = [ADMIN, ...["alice", "bob", "carol", "dave", "erin"].map((u) => ({ username: u, password: `${u}-Passw0rd` }))];

/** 2.x policies, with event types every 2.x version accepts. */
const v2Policies = (host: string): SimWebhookPolicy[] => [
  {
    project: "platform",
    name: "deploy-trigger",
    description: "Argo CD image updater",
    eventTypes: ["PUSH_ARTIFACT"],
    targets: [{ type: "http", address: `https://argocd.${host}/api/webhook`, authHeader: "Bearer argo-token" }],
  },
  {
    project: "payments",
    name: "security-alerts",
    eventTypes: ["SCANNING_FAILED", "SCANNING_COMPLETED"],
    targets: [{ type: "slack", address: "https://hooks.slack.com/services/T000/B000/demo-token" }],
  },
  {
    project: "payments",
    name: "audit-feed",
    enabled: false,
    eventTypes: ["PUSH_ARTIFACT", "DELETE_ARTIFACT", "PULL_ARTIFACT"],
    targets: [{ type: "http", address: `https://siem.${host}/ingest`, skipCertVerify: true }],
  },
  {
    project: "web-frontend",
    name: "quota",
    eventTypes: ["QUOTA_EXCEED", "QUOTA_WARNING"],
    targets: [{ type: "http", address: `https://alerts.${host}/harbor` }],
  },
];

export const DEMO_FLEET: DemoInstance[] = [
  {
    spec: {
      id: "prod-eu-1",
      version: "2.11.2",
      tls: true,
      users: teamUsers,
      robots: [CONSOLE_ROBOT],
      projects: teamProjects(),
      policies: v2Policies("eu.example.com"),
      components: { trivy: true },
      storageBytes: 812_000_000_000,
    },
    consoleCredential: { username: CONSOLE_ROBOT.name, password: CONSOLE_ROBOT.secret },
    note: "production, robot account with notification-policy rights (2.10+)",
    topology: HELM_HA,
  },
  {
    spec: {
      id: "prod-us-1",
      version: "2.13.3",
      tls: true,
      users: teamUsers,
      projects: teamProjects([{ name: "data-pipeline", repoCount: 14 }]),
      policies: v2Policies("us.example.com"),
      components: { trivy: true },
      storageBytes: 1_240_000_000_000,
    },
    consoleCredential: { username: ADMIN.username, password: ADMIN.password },
    note: "2.13+: anonymous systeminfo hides harbor_version",
  },
  {
    spec: {
      id: "prod-ap-1",
      version: "2.15.2",
      tls: true,
      authMode: "oidc_auth",
      users: teamUsers,
      robots: [CONSOLE_ROBOT],
      projects: teamProjects(),
      policies: [
        ...v2Policies("ap.example.com"),
        {
          project: "ml-models",
          name: "model-registry-sync",
          eventTypes: ["PUSH_ARTIFACT", "REPLICATION"],
          targets: [{ type: "http", address: "https://mlflow.ap.example.com/hooks/harbor", payloadFormat: "CloudEvents" }],
        },
      ],
      components: { trivy: true },
    },
    consoleCredential: { username: CONSOLE_ROBOT.name, password: CONSOLE_ROBOT.secret },
    note: "newest release, OIDC auth mode, CloudEvents payloads",
  },
  {
    spec: {
      id: "staging-eu",
      version: "2.8.6",
      users: teamUsers,
      projects: teamProjects(),
      policies: v2Policies("staging.example.com"),
      components: { trivy: true },
      unhealthy: { redis: "dial tcp 10.20.3.12:6379: connect: connection refused", jobservice: "failed to check health: http status code 503" },
    },
    consoleCredential: { username: ADMIN.username, password: ADMIN.password },
    note: "redis and jobservice unhealthy",
    topology: COMPOSE_HA,
  },
  {
    spec: {
      id: "ci-eu",
      version: "2.5.6",
      users: teamUsers,
      projects: teamProjects([{ name: "ci-cache", repoCount: 58 }]),
      policies: v2Policies("ci.example.com"),
      components: { trivy: true, chartmuseum: true },
    },
    consoleCredential: { username: ADMIN.username, password: ADMIN.password },
    note: "2.3–2.7: payload_format silently ignored",
  },
  {
    spec: { id: "dev-sandbox", version: "2.7.4", users: teamUsers, projects: teamProjects(), policies: v2Policies("dev.example.com").slice(0, 2) },
    consoleCredential: { username: ADMIN.username, password: "Harbor1234" },
    wrongCredential: true,
    note: "instance is fine; the console's password is wrong (expect anonymous answers and 401s)",
  },
  {
    spec: {
      id: "legacy-dc2",
      version: "2.0.6",
      users: teamUsers,
      projects: teamProjects(),
      policies: [v2Policies("dc2.example.com")[0], { ...v2Policies("dc2.example.com")[1], name: "payments-security-alerts" }],
      components: { chartmuseum: true, notary: true },
    },
    consoleCredential: { username: ADMIN.username, password: ADMIN.password },
    note: "2.0: legacy routes, policy names unique across projects",
  },
  {
    spec: {
      id: "legacy-dc1",
      version: "1.10.19",
      users: teamUsers,
      projects: teamProjects(),
      policies: [
        {
          project: "platform",
          name: "policy_1",
          eventTypes: ["pushImage", "scanningCompleted"],
          targets: [{ type: "http", address: "https://jenkins.dc1.example.com/harbor-webhook/" }],
        },
        {
          project: "payments",
          name: "policy_2",
          eventTypes: ["projectQuota", "scanningFailed"],
          targets: [{ type: "http", address: "https://alerts.dc1.example.com/harbor", authHeader: "Basic YWxlcnRzOnMzY3IzdA==" }],
        },
      ],
      components: { chartmuseum: true, clair: true },
    },
    consoleCredential: { username: ADMIN.username, password: ADMIN.password },
    note: "1.10: /api base, camelCase events, one policy per project",
  },
];

export const demoFleetSpecs = (): SimInstanceSpec[] => DEMO_FLEET.map((d) => d.spec);
