"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fleetQueries, type SweepProgress } from "@/lib/queries/fleet";

/** Follows a collector round (polled every second until it finishes) and calls `onDone` once when it has. */
export function useSweep(sweepId: string | null, onDone: (sweep: SweepProgress) => void): SweepProgress | undefined {
  const { data } = useQuery({ ...fleetQueries.sweep(sweepId ?? ""), enabled: Boolean(sweepId) });
  const done = useRef<string | null>(null);
  const callback = useRef(onDone);
  useEffect(() => {
    callback.current = onDone;
  });
  useEffect(() => {
    if (data?.finishedAt && done.current !== data.id) {
      done.current = data.id;
      callback.current(data);
    }
  }, [data]);
  return sweepId ? data : undefined;
}
