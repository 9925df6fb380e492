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
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

/** Brackets at any place, strings or not: for bodies whose quoting is not JSON's (multipart form data). */
function bracketsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}

const TOO_LARGE = { status: 413 as const, message: `The request is larger than the console accepts (${MAX_ACTION_BODY_BYTES / 1024} KiB).` };

/**
 * The refusal for a server action's body that breaks a limit, or null: too large by its Content-Length or, without
 * one (chunked), by what was read; or nested too deep (per JSON's quoting, or counting every bracket for multipart
 * bodies, where a lone quote in one field must not hide the brackets of another). A NUL character in an action's
 * text is answered at its field by the action itself (lib/actions/result.ts), where the user can see it.
 */
export function actionBodyRefusal(contentLength: string | null, text: string | null, contentType = ""): { status: 400 | 413; message: string } | null {
  if (contentLength !== null && Number(contentLength) > MAX_ACTION_BODY_BYTES) return TOO_LARGE;
  if (text === null) return null;
  if (text.length > MAX_ACTION_BODY_BYTES) return TOO_LARGE;
  const deep = /multipart\//i.test(contentType) ? bracketsDeeperThan(text, MAX_ACTION_NESTING) : nestsDeeperThan(text, MAX_ACTION_NESTING);
  if (deep) return { status: 400, message: `The request nests deeper than the console accepts (${MAX_ACTION_NESTING} levels).` };
  return null;
}

const NUL_REFUSAL = { status: 400 as const, message: "Text may not contain NUL characters (%00)." };

/** The refusal for a URL whose query carries a NUL character (search fields end up in SQL parameters), or null. */
export function queryRefusal(search: string): { status: 400; message: string } | null {
  return /%00/.test(search) || search.includes("\u0000") ? NUL_REFUSAL : null;
}
