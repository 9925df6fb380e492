import "server-only";
import { AppError } from "../../errors";
import type { HarborError } from "../../harbor";

/**
 * A Harbor failure of a webhook change → the error the form shows, at the field it belongs to where there is one
 * (Harbor's own message is part of `message`). `addresses`: the submitted targets, to find the one a refusal names.
 */
export function webhookChangeError(e: HarborError, addresses: string[] = []): AppError {
  const m = e.message;
  const field = (name: string) => new AppError("validation", m, { fieldErrors: { [name]: [m] } });
  const targetIndex = Math.max(
    0,
    addresses.findIndex((a) => a && m.includes(a)),
  );
  switch (e.kind) {
    case "conflict":
      // 409 (2.1+), or the 500 of 1.x/2.0 the client marked as a possible duplicate: a name already in use.
      if (e.status === 409 || /already exists|already in use/i.test(m)) return field("name");
      return new AppError("conflict", m);
    case "server_error":
      return /duplicate policy name/i.test(m) ? field("name") : new AppError("internal", m);
    case "unprocessable":
    case "unsupported_version":
      if (/event type/i.test(m)) return field("eventTypes");
      if (/payload format|CloudEvents/i.test(m)) return field(`targets.${targetIndex}.payloadFormat`);
      if (/target type|cannot notify/i.test(m)) return field(`targets.${targetIndex}.type`);
      if (/scheme|URL|address/i.test(m)) return field(`targets.${targetIndex}.address`);
      if (/name/i.test(m)) return field("name");
      return new AppError("validation", m);
    case "unauthorized":
      return new AppError(
        "forbidden",
        `${m} The instance's stored credential failed (authentication failed): an admin can update it on the instance's Edit page.`,
      );
    case "forbidden":
      return new AppError("forbidden", m);
    case "not_found":
      return new AppError("not_found", m);
    case "precondition":
      return new AppError("conflict", m);
    default:
      return new AppError("internal", m);
  }
}

/** A read failure as one line for the page (the credential case said plainly). */
export function readFailureMessage(e: HarborError): string {
  return e.kind === "unauthorized" ? `Authentication failed: ${e.message}` : e.message;
}
