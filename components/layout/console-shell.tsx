import { MobileNav, type MobileNavProps } from "./mobile-nav";
import { Sidebar } from "./sidebar";
import { UserMenu } from "./user-menu";

/** The id of every console page's main landmark: the skip link's target. */
export const MAIN_ID = "main";

/** The link a keyboard user meets first: past the navigation, straight to the page. */
export function SkipLink() {
  return (
    <a
      href={`#${MAIN_ID}`}
      className="sr-only focus:not-sr-only focus:fixed focus:left-3 focus:top-3 focus:z-50 focus:rounded-md focus:border focus:border-border focus:bg-surface focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:shadow-lg focus:outline-2 focus:outline-ring"
    >
      Skip to content
    </a>
  );
}

/**
 * The signed-in page: skip link, navigation (a sidebar from `lg` up, a menu in a top bar below), and the page in
 * the main landmark, which never makes the window scroll sideways (wide content scrolls in its own box).
 */
export function ConsoleShell({ children, ...user }: MobileNavProps & { children: React.ReactNode }) {
  return (
    <div className="min-h-screen lg:flex">
      <SkipLink />
      <MobileNav {...user} />
      <aside className="sticky top-0 hidden h-screen w-60 shrink-0 flex-col justify-between overflow-y-auto border-r border-border bg-surface p-3 lg:flex">
        <Sidebar isAdmin={user.isAdmin} />
        <UserMenu email={user.email} role={user.role} local={user.local} />
      </aside>
      {/* tabIndex -1: the skip link moves the keyboard focus here, not only the scroll position. */}
      <main id={MAIN_ID} tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 outline-none sm:px-6 lg:px-8 lg:py-8">
        <div className="mx-auto max-w-6xl">{children}</div>
      </main>
    </div>
  );
}
