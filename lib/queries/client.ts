import { QueryClient } from "@tanstack/react-query";

/** One QueryClient per browser tab: live panels refetch on their own; nothing refetches just on focus. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
  });
}
