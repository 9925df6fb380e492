/**
 * Limits on request bodies that proxy.ts enforces before Next decodes them: a server action's arguments are
 * decoded recursively (a JSON array nested 300,000 deep overflows the stack inside Next, before any code of ours
 * runs), and a body past Next's own limit comes back as an opaque RSC error. Both get a clear 4xx here instead.
 */

/** Next's serverActions.bodySizeLimit (next.config.mjs), in bytes. */
export const MAX_ACTION_BODY_BYTES = 600 * 1024;
/** Deeper than any argument the console's forms send (a topology is under 10 levels). */
export const MAX_ACTION_NESTING = 64;

/** Whether `text` nests arrays/objects deeper than `max`, outside JSON strings; one linear pass, no allocation. */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** The refusal for a body that breaks a limit, or null. `contentLength` is the header's value, if any. */
export function actionBodyRefusal(contentLength: string | null, text: string | null): { status: 400 | 413; message: string } | null {
  if (contentLength !== null && Number(contentLength) > MAX_ACTION_BODY_BYTES) {
    return { status: 413, message: `The request is larger than the console accepts (${MAX_ACTION_BODY_BYTES / 1024} KiB).` };
  }
  if (text !== null && nestsDeeperThan(text, MAX_ACTION_NESTING)) {
    return { status: 400, message: `The request nests deeper than the console accepts (${MAX_ACTION_NESTING} levels).` };
  }
  return null;
}
