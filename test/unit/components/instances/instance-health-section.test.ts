/**
 * The instance page's streamed health: the page answers 404 before streaming; an instance removed after that check
 * must not call notFound() inside the stream (too late to answer 404: the response would be a 200 with the not-found
 * page swapped in) but say so where the health would be.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

vi.mock("next/navigation", () => ({
  notFound: () => {
    throw new Error("notFound() called inside a streamed section");
  },
  useRouter: () => ({ refresh: () => {}, push: () => {} }),
  usePathname: () => "/",
  useSearchParams: () => new URLSearchParams(),
}));

describe("InstanceHealthSection", () => {
  it("says the instance was removed, with a way back, when it went away after the page's 404 check", async () => {
    const { InstanceHealthSection } = await import("@/components/instances/instance-health-section");
    const element = await InstanceHealthSection({ data: Promise.resolve(null), canRefresh: true, isAdmin: false, everReached: true });
    const html = renderToStaticMarkup(element);
    expect(html).toContain('data-testid="instance-removed"');
    expect(html).toContain("This instance was removed while the page loaded.");
    expect(html).toContain('href="/"');
  });
});
