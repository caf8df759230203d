"use client";
// The Graph as SVG: dagre's layout (recomputed only when the DAG version changes, not on each
// live refresh), node colours and glyphs from the run's states, task groups as boxes, zoom
// (wheel, buttons) and pan (drag). Clicking a task opens its log on the run page.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { layoutGraph, NODE_H, NODE_W } from "@/lib/domain/dag/layout-graph";
import { fillOf, StateGlyph, stateLabel } from "../../_components/state-glyph";

type Task = { task_id: string; task_group: string | null; upstream: string[]; operator: string };
type Props = { layoutKey: string; tasks: Task[]; groups: { group_id: string; parent_group: string | null }[]; states: Record<string, string>; runHref: string | null };
type View = { x: number; y: number; k: number };
// dagre has no padding for compound nodes: the group box grows upwards to hold its name.
const GROUP_LABEL = 20;

export function DagGraphView({ layoutKey, tasks, groups, states, runHref }: Props) {
  const router = useRouter();
  const [showGroups, setShowGroups] = useState(true);
  // Keyed on the version, not on `tasks`: live refreshes pass new arrays of the same DAG.
  const layout = useMemo(() => layoutGraph(tasks, groups, showGroups), [layoutKey, showGroups]);
  const boxRef = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ px: number; py: number; x: number; y: number; moved: boolean } | null>(null);
  const operatorOf = useMemo(() => new Map(tasks.map((t) => [t.task_id, t.operator])), [tasks]);
  const groupOf = useMemo(() => new Map(tasks.map((t) => [t.task_id, t.task_group])), [tasks]);
  // Inside a group's box the group's name is already written: show the task's own name.
  const labelOf = (id: string) => {
    const group = showGroups ? groupOf.get(id) : null;
    return group && id.startsWith(`${group}.`) ? id.slice(group.length + 1) : id;
  };

  const fit = useCallback(() => {
    const el = boxRef.current;
    if (!el || !layout.width) return;
    const k = Math.min(1.2, Math.max(0.02, Math.min(el.clientWidth / layout.width, el.clientHeight / layout.height)));
    setView({ k, x: (el.clientWidth - layout.width * k) / 2, y: (el.clientHeight - layout.height * k) / 2 });
  }, [layout]);
  useEffect(fit, [fit]);

  const zoomAt = useCallback((factor: number, cx: number, cy: number) => {
    setView((v) => {
      const k = Math.min(4, Math.max(0.02, v.k * factor));
      return { k, x: cx - ((cx - v.x) * k) / v.k, y: cy - ((cy - v.y) * k) / v.k };
    });
  }, []);
  // A non-passive wheel listener, so zooming does not scroll the page.
  useEffect(() => {
    const el = boxRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const r = el.getBoundingClientRect();
      zoomAt(Math.exp(-e.deltaY * 0.0015), e.clientX - r.left, e.clientY - r.top);
    };
    el.addEventListener("wheel", onWheel, { passive: false });
    return () => el.removeEventListener("wheel", onWheel);
  }, [zoomAt]);

  const center = () => {
    const el = boxRef.current;
    return el ? [el.clientWidth / 2, el.clientHeight / 2] : [0, 0];
  };
  const openTask = (taskId: string) => {
    if (runHref) router.push(`${runHref}?task=${encodeURIComponent(taskId)}`);
  };

  return (
    <div className="overflow-hidden rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900/60">
      <div className="flex flex-wrap items-center gap-1.5 border-b border-slate-200 px-3 py-2 text-xs dark:border-slate-800">
        <ToolButton label="Zoom in" onClick={() => zoomAt(1.25, ...(center() as [number, number]))}>+</ToolButton>
        <ToolButton label="Zoom out" onClick={() => zoomAt(0.8, ...(center() as [number, number]))}>−</ToolButton>
        <ToolButton label="Fit to view" onClick={fit}>Fit</ToolButton>
        <span className="ml-1 tabular-nums text-slate-500 dark:text-slate-400" aria-live="polite">
          {Math.round(view.k * 100)}%
        </span>
        {groups.length ? (
          <label className="ml-3 inline-flex items-center gap-1.5 text-slate-600 dark:text-slate-300">
            <input type="checkbox" checked={showGroups} onChange={(e) => setShowGroups(e.target.checked)} className="rounded border-slate-300 dark:border-slate-600" />
            Task groups
          </label>
        ) : null}
        <span className="ml-auto text-slate-400 dark:text-slate-500">Scroll to zoom · drag to pan · click a task for its log</span>
      </div>
      <div
        ref={boxRef}
        data-testid="dag-graph"
        style={{ height: `min(70vh, ${Math.max(320, Math.round(layout.height) + 120)}px)` }}
        className="relative cursor-grab touch-none select-none bg-slate-50/60 active:cursor-grabbing dark:bg-slate-950/40"
        onPointerDown={(e) => {
          drag.current = { px: e.clientX, py: e.clientY, x: view.x, y: view.y, moved: false };
        }}
        onPointerMove={(e) => {
          const d = drag.current;
          if (!d) return;
          const dx = e.clientX - d.px;
          const dy = e.clientY - d.py;
          if (!d.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
          if (!d.moved) (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
          d.moved = true;
          setView((v) => ({ ...v, x: d.x + dx, y: d.y + dy }));
        }}
        onPointerUp={() => {
          setTimeout(() => (drag.current = null), 0);
        }}
      >
        <svg className="absolute inset-0 h-full w-full" role="img" aria-label={`Graph of ${tasks.length} tasks`}>
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0 0L10 5L0 10z" className="fill-slate-400 dark:fill-slate-500" />
            </marker>
          </defs>
          <g transform={`translate(${view.x} ${view.y}) scale(${view.k})`}>
            {layout.groups
              .slice()
              .sort((a, b) => a.depth - b.depth)
              .map((g) => (
                <g key={g.id} data-group={g.id}>
                  <rect x={g.x - 6} y={g.y - GROUP_LABEL} width={g.width + 12} height={g.height + GROUP_LABEL + 4} rx={10} className="fill-slate-100/70 stroke-slate-300 dark:fill-slate-800/40 dark:stroke-slate-700" strokeDasharray="4 3" />
                  <text x={g.x + 4} y={g.y - GROUP_LABEL + 15} className="fill-slate-600 font-mono text-[12px] font-semibold dark:fill-slate-300">
                    {g.id}
                  </text>
                </g>
              ))}
            {layout.edges.map((e) => (
              <polyline key={`${e.from}>${e.to}`} points={e.points.map((p) => `${p.x},${p.y}`).join(" ")} fill="none" className="stroke-slate-400 dark:stroke-slate-500" strokeWidth={1.3} markerEnd="url(#arrow)" />
            ))}
            {layout.nodes.map((n) => {
              const state = states[n.id] ?? null;
              const fill = fillOf(state);
              const name = labelOf(n.id);
              const short = name.length > 24 ? `…${name.slice(-23)}` : name;
              return (
                <g
                  key={n.id}
                  data-node={n.id}
                  data-state={state ?? "none"}
                  transform={`translate(${n.x} ${n.y})`}
                  role={runHref ? "link" : undefined}
                  tabIndex={runHref ? 0 : undefined}
                  aria-label={`${n.id}: ${stateLabel(state)}`}
                  className={runHref ? "cursor-pointer focus:outline-none [&:focus>rect]:stroke-brand-500" : ""}
                  onClick={() => {
                    if (!drag.current?.moved) openTask(n.id);
                  }}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") openTask(n.id);
                  }}
                >
                  <title>{`${n.id} · ${operatorOf.get(n.id) ?? ""} · ${stateLabel(state)}`}</title>
                  <rect width={NODE_W} height={NODE_H} rx={8} className="fill-white stroke-slate-300 dark:fill-slate-900 dark:stroke-slate-600" strokeWidth={1.5} />
                  <rect width={6} height={NODE_H} rx={3} fill={fill === "transparent" ? "#cbd5e1" : fill} />
                  <foreignObject x={14} y={12} width={16} height={16}>
                    <StateGlyph state={state} size={16} />
                  </foreignObject>
                  <text x={38} y={18} className="fill-slate-900 font-mono text-[12px] dark:fill-slate-100">
                    {short}
                  </text>
                  <text x={38} y={32} className="fill-slate-500 text-[10px] dark:fill-slate-400">
                    {operatorOf.get(n.id)} · {stateLabel(state)}
                  </text>
                </g>
              );
            })}
          </g>
        </svg>
      </div>
    </div>
  );
}

function ToolButton({ label, onClick, children }: { label: string; onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      aria-label={label}
      title={label}
      className="inline-flex h-7 min-w-7 items-center justify-center rounded-md border border-slate-200 bg-white px-2 font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-brand-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
    >
      {children}
    </button>
  );
}
