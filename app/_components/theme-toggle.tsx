"use client";
// Light / dark / system. The choice lives in localStorage "windsock-theme"; the root
// layout's inline script applies it before first paint, this keeps it in sync after.
import { useEffect, useState } from "react";

type Theme = "light" | "dark" | "system";
const KEY = "windsock-theme";

export function apply(theme: Theme) {
  const dark = theme === "dark" || (theme === "system" && matchMedia("(prefers-color-scheme: dark)").matches);
  if (dark) document.documentElement.dataset.theme = "dark";
  else document.documentElement.dataset.theme = "light";
  document.documentElement.style.colorScheme = dark ? "dark" : "light";
}

export function read(): Theme {
  try {
    const saved = localStorage.getItem(KEY);
    return saved === "light" || saved === "dark" ? saved : "system";
  } catch {
    return "system";
  }
}

export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>("system");
  useEffect(() => setTheme(read()), []);

  useEffect(() => {
    if (theme !== "system") return;
    const media = matchMedia("(prefers-color-scheme: dark)");
    const follow = () => apply("system");
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, [theme]);

  const choose = (next: Theme) => {
    setTheme(next);
    try {
      if (next === "system") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
    apply(next);
  };

  const options: { value: Theme; label: string; icon: React.ReactNode }[] = [
    { value: "light", label: "Light", icon: <Sun /> },
    { value: "dark", label: "Dark", icon: <Moon /> },
    { value: "system", label: "System", icon: <Monitor /> },
  ];

  return (
    <div role="radiogroup" aria-label="Theme" className="inline-flex rounded-lg bg-slate-100 p-0.5 dark:bg-slate-800">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={theme === o.value}
          aria-label={o.label}
          title={o.label}
          onClick={() => choose(o.value)}
          className={`grid h-7 w-8 place-items-center rounded-md transition focus-visible:outline-2 focus-visible:outline-brand-500 ${
            theme === o.value
              ? "bg-white text-slate-900 shadow-sm dark:bg-slate-950 dark:text-white"
              : "text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"
          }`}
        >
          {o.icon}
        </button>
      ))}
    </div>
  );
}

const iconProps = { "aria-hidden": true, viewBox: "0 0 20 20", fill: "none", stroke: "currentColor", strokeWidth: 1.6, className: "h-4 w-4" } as const;
function Sun() {
  return (
    <svg {...iconProps}>
      <circle cx="10" cy="10" r="3.5" />
      <path d="M10 2v1.5M10 16.5V18M2 10h1.5M16.5 10H18M4.3 4.3l1.1 1.1M14.6 14.6l1.1 1.1M4.3 15.7l1.1-1.1M14.6 5.4l1.1-1.1" strokeLinecap="round" />
    </svg>
  );
}
function Moon() {
  return (
    <svg {...iconProps}>
      <path d="M16.5 12.5A7 7 0 0 1 7.5 3.5a7 7 0 1 0 9 9Z" strokeLinejoin="round" />
    </svg>
  );
}
function Monitor() {
  return (
    <svg {...iconProps}>
      <rect x="2.5" y="3.5" width="15" height="10" rx="1.5" />
      <path d="M7 17h6M10 13.5V17" strokeLinecap="round" />
    </svg>
  );
}

/**
 * Re-applies the saved theme after hydration. Pages that Next renders on the client
 * after an interrupt (a notFound() thrown in a layout) lose the attribute the root
 * layout's inline script set, because client-rendered scripts never run.
 */
export function ThemeSync() {
  useEffect(() => apply(read()), []);
  return null;
}
