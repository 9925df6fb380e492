import { Notice } from "@/components/ui/notice";
import { hostMismatchMessage } from "@/lib/security/host-check";

/** "You opened the console at …, but it is configured for … (NEXTAUTH_URL) …", the configured login page a link. */
export function HostMismatchNotice({ mismatch, callbackUrl }: { mismatch: { opened: string; configured: string; loginUrl: string }; callbackUrl: string }) {
  const text = hostMismatchMessage(mismatch);
  const href = callbackUrl === "/" ? mismatch.loginUrl : `${mismatch.loginUrl}?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  return (
    <Notice tone="danger" data-testid="host-mismatch">
      {text.slice(0, text.length - mismatch.loginUrl.length)}
      <a href={href} className="font-medium underline">
        {mismatch.loginUrl}
      </a>
    </Notice>
  );
}
