// A form with one button: works without JavaScript and is CSRF-safe (server action).
import { logOutAction } from "../_actions/log-out";

export function LogOutButton({ className, children = "Log out" }: { className?: string; children?: React.ReactNode }) {
  return (
    <form action={logOutAction}>
      <button
        type="submit"
        className={
          className ??
          "w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-300 dark:hover:bg-slate-800"
        }
      >
        {children}
      </button>
    </form>
  );
}
