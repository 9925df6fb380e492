import { describe, expect, it } from "vitest";
import { behindTone, toneColour } from "@/components/fleet/version-tone";
import { minorsBehind, supportStatus } from "@/lib/upgrade";
import { MAINTAINED_LINES } from "@/lib/releases";

describe("one colour rule for 'N behind'", () => {
  it("is amber from two lines behind, as the 'Behind latest' tile counts, whatever the support status", () => {
    expect(behindTone(0)).toBe("success");
    expect(behindTone(1)).toBe("accent");
    expect(behindTone(2)).toBe("warning");
    expect(behindTone(9)).toBe("warning");
    expect(behindTone(null)).toBe("neutral");
    // The oldest maintained line is two behind: maintained, yet amber, because the tile counts it.
    const oldestMaintained = `${MAINTAINED_LINES[0]}.0`;
    expect(supportStatus(oldestMaintained).status).toBe("maintained");
    expect(minorsBehind(oldestMaintained)).toBe(2);
    expect(behindTone(minorsBehind(oldestMaintained))).toBe("warning");
  });

  it("gives the chart the same colour as the badge", () => {
    expect(toneColour(behindTone(3))).toBe("var(--warning)");
    expect(toneColour(behindTone(null))).toBe("var(--muted)");
  });
});
