"use client";
import { ChevronsUpDown } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useAfterLoad } from "@/components/ui/use-after-load";
import type { UserMenuDropdown as TUserMenuDropdown } from "./user-menu-dropdown";

export interface UserMenuProps {
  email: string;
  role: string;
  local: boolean;
}

export const USER_MENU_TRIGGER =
  "flex w-full items-center justify-between gap-2 rounded-md border border-border bg-surface px-2 py-1.5 text-left text-sm hover:bg-surface-muted";

/** What the account menu's button shows, named for screen readers: "Account menu for ada@example.com admin". */
export function UserMenuFace({ email, role }: { email: string; role: string }) {
  return (
    <>
      <span className="sr-only">Account menu for </span>
      <span className="min-w-0">
        <span className="block truncate font-medium" data-testid="current-user">
          {email}
        </span>
        <span className="block text-xs text-muted">{role}</span>
      </span>
      <ChevronsUpDown className="size-4 shrink-0 text-muted" aria-hidden />
    </>
  );
}

/**
 * The account menu. Its Radix dropdown (with its positioning library, ~15 KiB compressed) is not part of a page's
 * first load: a plain button of the same look stands in until the page has loaded and the browser is idle, or until
 * it is used, which opens the menu as soon as its code is in. Focus on the stand-in moves to the real trigger.
 */
export function UserMenu(props: UserMenuProps) {
  const afterLoad = useAfterLoad();
  const [openAtOnce, setOpenAtOnce] = useState(false);
  const [Dropdown, setDropdown] = useState<typeof TUserMenuDropdown | null>(null);
  const standIn = useRef<HTMLButtonElement>(null);
  const [hadFocus, setHadFocus] = useState(false);
  useEffect(() => {
    if (!afterLoad && !openAtOnce) return;
    let live = true;
    void import("./user-menu-dropdown").then((m) => {
      if (!live) return;
      setHadFocus(document.activeElement === standIn.current);
      setDropdown(() => m.UserMenuDropdown);
    });
    return () => {
      live = false;
    };
  }, [afterLoad, openAtOnce]);
  if (Dropdown) return <Dropdown {...props} defaultOpen={openAtOnce} focusTrigger={hadFocus && !openAtOnce} />;
  return (
    <button ref={standIn} type="button" aria-haspopup="menu" aria-expanded={false} className={USER_MENU_TRIGGER} onClick={() => setOpenAtOnce(true)}>
      <UserMenuFace email={props.email} role={props.role} />
    </button>
  );
}
