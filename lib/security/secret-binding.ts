/**
 * A stored Harbor secret is bound to where it was saved: the instance's URL (origin and path, as normalised when
 * saved; the transport never follows redirects) and the TLS trust it was saved with. Sending it anywhere else
 * needs the secret typed again, as password managers and GitLab ask: otherwise anyone who may edit a URL or a
 * CA bundle could have the console hand the credential to a server of their choosing.
 */

export interface SecretDestination {
  baseUrl: string;
  caBundle: string | null;
  skipTlsVerify: boolean;
}

/**
 * Origin + path without trailing slashes: what the transport connects to (createHarborClient's baseUrl). URL already
 * lower-cases the scheme and host and drops a default port; the path keeps its case (a proxy may route /teamA and
 * /teama to different backends).
 */
export function destinationKey(baseUrl: string): string {
  const u = new URL(baseUrl);
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`;
}

/**
 * Why the stored secret may not follow `next`, as the message for the secret field; null when it may. Tightening
 * trust (removing a CA bundle, turning verification back on) is fine; changing the URL, adding or changing a CA
 * bundle, or skipping verification is not.
 */
export function storedSecretRefusal(stored: SecretDestination, next: SecretDestination): string | null {
  if (destinationKey(stored.baseUrl) !== destinationKey(next.baseUrl)) {
    return `The URL changed: enter the secret again to use it with ${next.baseUrl} (the stored secret is only ever sent to ${stored.baseUrl})`;
  }
  if (next.skipTlsVerify && !stored.skipTlsVerify) {
    return "Skipping certificate verification lets anyone on the path read the credential: enter the secret again to confirm";
  }
  const ca = (next.caBundle ?? "").trim();
  if (ca && ca !== (stored.caBundle ?? "").trim()) {
    return "The CA bundle changed, so the console would trust other servers: enter the secret again to confirm";
  }
  return null;
}
