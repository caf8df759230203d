"use client";
// One part of the organization / workspace / environment switcher: a button that opens a
// listbox (WAI-ARIA "select-only combobox" keyboard model: arrows, Home/End, Enter or
// Space to choose, Escape to close, typing a letter jumps).
import { useRouter } from "next/navigation";
import { useEffect, useId, useState, type ReactNode } from "react";
import { usePopover } from "./use-popover";

export interface ScopeOption {
  key: string;
  href: string;
  label: string;
  hint?: string;
  adornment?: ReactNode;
}

export function ScopeListbox({
  label,
  current,
  options,
  selectedKey,
  footer,
  width = "w-64",
  align = "left",
}: {
  /** The accessible name of the control: "Organization", "Workspace", "Environment". */
  label: string;
  current: ReactNode;
  options: ScopeOption[];
  selectedKey: string | null;
  footer?: ReactNode;
  width?: string;
  /** "right" keeps the popup on screen for the last control of a narrow top bar. */
  align?: "left" | "right";
}) {
  const { open, setOpen, close, buttonRef, panelRef } = usePopover();
  const router = useRouter();
  const id = useId();
  const selectedIndex = Math.max(0, options.findIndex((o) => o.key === selectedKey));
  const [active, setActive] = useState(selectedIndex);

  useEffect(() => {
    if (!open) return;
    setActive(selectedIndex);
    panelRef.current?.querySelector<HTMLElement>("[role=listbox]")?.focus();
  }, [open, selectedIndex, panelRef]);

  const choose = (index: number) => {
    const option = options[index];
    if (!option) return;
    close(false);
    if (option.key !== selectedKey) router.push(option.href);
    else buttonRef.current?.focus();
  };

  const onListKey = (event: React.KeyboardEvent) => {
    const last = options.length - 1;
    const move = (to: number) => {
      event.preventDefault();
      setActive(Math.min(last, Math.max(0, to)));
    };
    switch (event.key) {
      case "ArrowDown":
        return move(active + 1);
      case "ArrowUp":
        return move(active - 1);
      case "Home":
        return move(0);
      case "End":
        return move(last);
      case "Enter":
      case " ":
        event.preventDefault();
        return choose(active);
      case "Tab":
        return close(false);
      default:
        if (event.key.length === 1 && /\S/.test(event.key)) {
          const from = (active + 1) % Math.max(1, options.length);
          const order = [...options.slice(from), ...options.slice(0, from)];
          const hit = order.find((o) => o.label.toLowerCase().startsWith(event.key.toLowerCase()));
          if (hit) setActive(options.indexOf(hit));
        }
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        aria-labelledby={`${id}-label ${id}-value`}
        onClick={() => setOpen((v) => !v)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setOpen(true);
          }
        }}
        className="group flex max-w-[9rem] items-center sm:max-w-[14rem] gap-2 rounded-md px-2 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 dark:text-slate-100 dark:hover:bg-slate-800/80"
      >
        <span id={`${id}-label`} className="sr-only">
          {label}
        </span>
        <span id={`${id}-value`} className="flex min-w-0 items-center gap-2 truncate">
          {current}
        </span>
        <Chevron />
      </button>
      {open ? (
        <div
          ref={panelRef}
          className={`absolute ${align === "right" ? "right-0 sm:left-0 sm:right-auto" : "left-0"} top-full z-40 mt-1.5 ${width} max-w-[calc(100vw-1.5rem)] overflow-hidden rounded-xl border border-slate-200 bg-white shadow-lg shadow-slate-900/5 ring-1 ring-black/5 dark:border-slate-700/80 dark:bg-slate-900 dark:shadow-black/40`}
        >
          <p className="px-3 pb-1 pt-2.5 text-[11px] font-semibold uppercase tracking-wider text-slate-500 dark:text-slate-400">{label}</p>
          <ul
            id={`${id}-list`}
            role="listbox"
            aria-label={label}
            tabIndex={-1}
            aria-activedescendant={options[active] ? `${id}-opt-${active}` : undefined}
            onKeyDown={onListKey}
            className="max-h-72 overflow-y-auto px-1.5 pb-1.5 outline-none"
          >
            {options.map((option, index) => {
              const selected = option.key === selectedKey;
              return (
                <li
                  key={option.key}
                  id={`${id}-opt-${index}`}
                  role="option"
                  aria-selected={selected}
                  onPointerMove={() => setActive(index)}
                  onClick={() => choose(index)}
                  className={`flex cursor-pointer items-center gap-2.5 rounded-lg px-2.5 py-2 text-sm ${
                    index === active ? "bg-slate-100 dark:bg-slate-800" : ""
                  } ${selected ? "font-medium text-slate-900 dark:text-white" : "text-slate-700 dark:text-slate-300"}`}
                >
                  {option.adornment}
                  <span className="min-w-0 flex-1">
                    <span className="block truncate">{option.label}</span>
                    {option.hint ? <span className="block truncate text-xs font-normal text-slate-500 dark:text-slate-400">{option.hint}</span> : null}
                  </span>
                  {selected ? <Check /> : null}
                </li>
              );
            })}
          </ul>
          {footer ? <div className="border-t border-slate-200 p-1.5 dark:border-slate-700/80">{footer}</div> : null}
        </div>
      ) : null}
    </div>
  );
}

function Chevron() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-3.5 w-3.5 flex-none text-slate-400 group-hover:text-slate-600 dark:group-hover:text-slate-300">
      <path d="M5.2 6.2a.75.75 0 0 1 1.06 0L8 7.94l1.74-1.74a.75.75 0 1 1 1.06 1.06l-2.27 2.27a.75.75 0 0 1-1.06 0L5.2 7.26a.75.75 0 0 1 0-1.06Z" />
      <path d="M5.2 9.8a.75.75 0 0 0 1.06 0L8 8.06" opacity="0" />
    </svg>
  );
}

function Check() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" fill="currentColor" className="h-4 w-4 flex-none text-brand-600 dark:text-brand-400">
      <path fillRule="evenodd" d="M12.416 3.376a.75.75 0 0 1 .208 1.04l-5 7.5a.75.75 0 0 1-1.154.114l-3-3a.75.75 0 0 1 1.06-1.06l2.353 2.353 4.493-6.74a.75.75 0 0 1 1.04-.207Z" clipRule="evenodd" />
    </svg>
  );
}
