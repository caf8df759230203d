// The authenticated frame: a top bar (logo, switcher, user menu) above the page.
// Pages inside /o/<org> get the full switcher; account pages get the organization part.
import Link from "next/link";
import type { ReactNode } from "react";
import { ThemeSync } from "./theme-toggle";
import { ScopeSwitcher, type SwitcherNavigation } from "./scope-switcher";
import { UserMenu } from "./user-menu";
import { WindsockMark } from "./windsock-mark";

export function AppShell({
  user,
  navigation,
  children,
}: {
  user: { name: string; email: string };
  navigation: SwitcherNavigation | null;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50 dark:bg-slate-950">
      <ThemeSync />
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium shadow focus:not-sr-only focus:fixed focus:left-3 focus:top-3 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-950/85">
        <div className="flex h-14 items-center gap-2 px-3 sm:px-5">
          <Link href="/app" aria-label="Windsock home" className="mr-1 grid h-8 w-8 flex-none place-items-center rounded-md hover:bg-slate-100 dark:hover:bg-slate-800">
            <WindsockMark />
          </Link>
          <div className="min-w-0 flex-1">
            <ScopeSwitcher navigation={navigation} />
          </div>
          <UserMenu name={user.name} email={user.email} />
        </div>
      </header>
      <div id="main" className="flex flex-1 flex-col">
        {children}
      </div>
    </div>
  );
}
