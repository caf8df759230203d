"use client";
// The avatar button at the right of the top bar: who you are, account settings, theme,
// log out (a server action form: works without JavaScript, CSRF-safe).
import Link from "next/link";
import { LogOutButton } from "@/app/(auth)/_components/log-out-button";
import { ThemeToggle } from "./theme-toggle";
import { usePopover } from "./use-popover";

export function UserMenu({ name, email }: { name: string; email: string }) {
  const { open, setOpen, buttonRef, panelRef } = usePopover();
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((p) => p[0]!.toUpperCase())
      .join("") || email[0]!.toUpperCase();
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-label="Account menu"
        aria-expanded={open}
        onClick={() => setOpen((v) => !v)}
        className="grid h-8 w-8 place-items-center rounded-full bg-gradient-to-br from-slate-700 to-slate-900 text-xs font-semibold text-white ring-2 ring-white hover:opacity-90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500 dark:from-slate-200 dark:to-slate-400 dark:text-slate-900 dark:ring-slate-950"
      >
        {initials}
      </button>
      {open ? (
        <div
          ref={panelRef}
          className="absolute right-0 top-full z-40 mt-2 w-64 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg shadow-slate-900/5 dark:border-slate-700/80 dark:bg-slate-900 dark:shadow-black/40"
        >
          <div className="border-b border-slate-200 px-4 py-3 dark:border-slate-700/80">
            <p className="truncate text-sm font-medium text-slate-900 dark:text-white">{name}</p>
            <p className="truncate text-xs text-slate-500 dark:text-slate-400">{email}</p>
          </div>
          <div className="p-1.5">
            <Link
              href="/app/account"
              className="block rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-300 dark:hover:bg-slate-800"
            >
              Account settings
            </Link>
          </div>
          <div className="flex items-center justify-between border-t border-slate-200 px-4 py-2.5 dark:border-slate-700/80">
            <span className="text-sm text-slate-700 dark:text-slate-300">Theme</span>
            <ThemeToggle />
          </div>
          <div className="border-t border-slate-200 p-1.5 dark:border-slate-700/80">
            <LogOutButton />
          </div>
        </div>
      ) : null}
    </div>
  );
}
