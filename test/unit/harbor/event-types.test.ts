import { describe, expect, it } from "vitest";
import { canonicalEventType, eventTypeForVersion, normaliseEventTypes } from "@/lib/harbor/event-types";
import { webhookEventTypes } from "@/lib/harbor/facts";
import { parseHarborVersion } from "@/lib/releases";

const v = (s: string) => parseHarborVersion(s)!;

describe("event type spellings across versions", () => {
  it("maps 1.x camelCase onto the 2.x names and back", () => {
    expect(canonicalEventType("pushImage")).toBe("PUSH_ARTIFACT");
    expect(canonicalEventType("PUSH_ARTIFACT")).toBe("PUSH_ARTIFACT");
    expect(eventTypeForVersion("PUSH_ARTIFACT", v("1.9.4"))).toBe("pushImage");
    expect(eventTypeForVersion("QUOTA_EXCEED", v("1.9.4"))).toBeNull(); // projectQuota arrived in 1.10
    expect(eventTypeForVersion("QUOTA_EXCEED", v("1.10.0"))).toBe("projectQuota");
    expect(eventTypeForVersion("scanningFailed", v("2.11.2"))).toBe("SCANNING_FAILED");
    expect(eventTypeForVersion("UPLOAD_CHART", v("2.8.0"))).toBeNull();
    expect(eventTypeForVersion("SCANNING_STOPPED", v("2.3.0"))).toBeNull();
  });

  it("every version's accepted list normalises to known labels", () => {
    for (const s of ["1.9.4", "1.10.19", "2.0.0", "2.1.0", "2.4.0", "2.8.6", "2.15.2"]) {
      const n = normaliseEventTypes({ eventTypes: webhookEventTypes(v(s)), notifyTypes: ["http"], version: v(s), source: "facts" });
      expect(n.eventTypes.every((e) => e.label !== e.name)).toBe(true);
    }
  });
});

describe("normaliseEventTypes", () => {
  it("sorts by label, dedupes, drops chart events from 2.8 and slack payload formats", () => {
    const n = normaliseEventTypes({
      eventTypes: ["TAG_RETENTION", "PUSH_ARTIFACT", "PUSH_ARTIFACT", "UPLOAD_CHART", "QUOTA_WARNING"],
      notifyTypes: ["slack", "http"],
      payloadFormats: [
        { notify_type: "http", formats: ["Default", "CloudEvents"] },
        { notify_type: "slack", formats: ["Default"] },
      ],
      version: v("2.9.0"),
      source: "server",
    });
    expect(n.eventTypes.map((e) => e.name)).toEqual(["PUSH_ARTIFACT", "QUOTA_WARNING", "TAG_RETENTION"]);
    expect(n.payloadFormats).toEqual([{ notifyType: "http", formats: ["Default", "CloudEvents"] }]);
  });

  it("before 2.8 ignores any payload_formats and offers Default for http only", () => {
    const n = normaliseEventTypes({
      eventTypes: ["UPLOAD_CHART"],
      notifyTypes: ["http", "slack"],
      payloadFormats: [{ notify_type: "http", formats: ["CloudEvents"] }],
      version: v("2.7.4"),
      source: "server",
    });
    expect(n.eventTypes.map((e) => e.name)).toEqual(["UPLOAD_CHART"]);
    expect(n.payloadFormats).toEqual([{ notifyType: "http", formats: ["Default"] }]);
  });
});
