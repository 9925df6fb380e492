import { queryOptions } from "@tanstack/react-query";
import type { FleetRow } from "../fleet/fleet-rows";
import type { FleetSummary } from "../fleet/fleet-summary";
import type { HealthPoint } from "../fleet/health-history";
import type { SweepProgress } from "../fleet/sweeps";
import type { FleetChanges, InstanceChange } from "../fleet/changes";
import type { CollectorProblem, CollectorStatus } from "../fleet/collector/status";
import type { DriftItem, HistoryPoint, RecentError } from "../fleet/instance-health";
import { DEFAULT_FLEET_SORT } from "../schemas/fleet-constants";
import type { TFleetParams } from "../schemas/fleet";

export type {
  CollectorProblem,
  CollectorStatus,
  DriftItem,
  RecentError,
  FleetChanges,
  FleetRow,
  FleetSummary,
  HealthPoint,
  HistoryPoint,
  InstanceChange,
  SweepProgress,
};

/** GET /api/fleet */
export interface FleetOverview {
  summary: FleetSummary;
  rows: FleetRow[];
  total: number;
  page: number;
  pageCount: number;
  notices: string[];
  /** the collector's own status (the page's banner); null when it could not be read */
  collector: CollectorStatus | null;
}

/** GET /api/fleet/instances/:id */
export interface InstanceLive {
  status: FleetRow;
  /** the window of `points`: the retention period, in days (at most a year) */
  days: number;
  /** one point per hour, or per day over windows longer than a month */
  bucket: "hour" | "day";
  points: HistoryPoint[];
  /** each distinct error once, most recently seen first */
  errors: RecentError[];
  drift: DriftItem[];
}

export const FLEET_REFRESH_MS = 10_000;

const ORDER = ["q", "environment", "label", "health", "credential", "version", "error", "stale", "behind", "unmaintained", "sort", "dir", "page"] as const;

/** The canonical query string of a fleet view: defaults left out, keys in one order, so equal views share one cache entry. */
export function fleetSearch(p: Partial<TFleetParams>): string {
  const qs = new URLSearchParams();
  for (const k of ORDER) {
    const v = p[k];
    if (v === undefined || v === "") continue;
    if ((k === "sort" && v === DEFAULT_FLEET_SORT) || (k === "dir" && v === "asc") || (k === "page" && v === 1)) continue;
    qs.set(k, String(v));
  }
  return qs.toString();
}

export const fleetKeys = {
  all: ["fleet"] as const,
  overviews: () => [...fleetKeys.all, "overview"] as const,
  overview: (search: string) => [...fleetKeys.overviews(), search] as const,
  sweep: (id: string) => [...fleetKeys.all, "sweep", id] as const,
  instance: (id: string) => [...fleetKeys.all, "instance", id] as const,
};

/** A live endpoint's refusal: its status and, when it gave one, its `code` ("database_unreachable") and sentence. */
export class LiveFetchError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { cache: "no-store", headers: { accept: "application/json" } });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: unknown; code?: unknown } | null;
    throw new LiveFetchError(
      res.status,
      typeof body?.code === "string" ? body.code : null,
      typeof body?.error === "string" ? body.error : `${url} answered HTTP ${res.status}`,
    );
  }
  return (await res.json()) as T;
}

export const fleetQueries = {
  /** the summary and one page of rows, refreshed every 10 s */
  overview: (search: string) =>
    queryOptions({
      queryKey: fleetKeys.overview(search),
      queryFn: () => getJson<FleetOverview>(`/api/fleet${search ? `?${search}` : ""}`),
      staleTime: FLEET_REFRESH_MS,
      refetchInterval: FLEET_REFRESH_MS,
    }),
  /** a collector round's progress, polled every second until it has finished */
  sweep: (id: string) =>
    queryOptions({
      queryKey: fleetKeys.sweep(id),
      queryFn: () => getJson<SweepProgress>(`/api/fleet/sweeps/${id}`),
      staleTime: 0,
      refetchInterval: (q) => (q.state.data?.finishedAt ? false : 1_000),
    }),
  /** one instance's status, history over the retention window and drift, refreshed every 10 s */
  instance: (id: string) =>
    queryOptions({
      queryKey: fleetKeys.instance(id),
      queryFn: () => getJson<InstanceLive>(`/api/fleet/instances/${id}`),
      staleTime: FLEET_REFRESH_MS,
      // Until the first poll is stored (it is queued when the instance is saved), look every 2 s.
      refetchInterval: (q) => (q.state.data && !q.state.data.status.checkedAt ? 2_000 : FLEET_REFRESH_MS),
    }),
};
