/**
 * Runs an app-router route handler the way `next start` does, minus the socket: inside Next's own work and request
 * stores, so that `headers()`, `cookies()` and `connection()` answer from the request. For handlers that read their
 * request through next/headers (next-auth's does), without a build or a server.
 */
// Next installs AsyncLocalStorage globally before it loads its request stores; so must we, and first.
import "next/dist/server/node-environment-baseline";
import { createRequestStoreForAPI } from "next/dist/server/async-storage/request-store";
import { createWorkStore } from "next/dist/server/async-storage/work-store";
import { workAsyncStorage } from "next/dist/server/app-render/work-async-storage.external";
import { workUnitAsyncStorage } from "next/dist/server/app-render/work-unit-async-storage.external";
import { NextRequest } from "next/server";

export type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export async function callRoute<P>(handler: RouteHandler<P>, opts: { page: string; url: string; params: P; init?: RequestInit }): Promise<Response> {
  return inRequest({ page: opts.page, url: opts.url, init: opts.init }, (req) => handler(req, { params: Promise.resolve(opts.params) }));
}

/** Runs `fn` as if serving a request to `url` (for server code that reads the request, e.g. lib/auth's getUser). */
export async function inRequest<T>(opts: { page: string; url: string; init?: RequestInit }, fn: (req: NextRequest) => Promise<T>): Promise<T> {
  const req = new NextRequest(opts.url, opts.init as ConstructorParameters<typeof NextRequest>[1]);
  const renderOpts = { experimental: {}, waitUntil: () => {}, onClose: () => {}, onAfterTaskError: undefined };
  const work = createWorkStore({ page: opts.page, renderOpts, isPrefetchRequest: false, buildId: "test", previouslyRevalidatedTags: [] } as never);
  const unit = createRequestStoreForAPI(
    req as never,
    new URL(opts.url) as never,
    { tags: [], expirationsByCacheKind: new Map() } as never,
    undefined,
    undefined as never,
    undefined,
  );
  return workAsyncStorage.run(work, () => workUnitAsyncStorage.run(unit, () => fn(req)));
}
