// Restoring a run from recorded states and resuming it (a new workflow execution for a run
// that was running, or clearing a task of a finished run).
import { describe, expect, it } from "vitest";
import { applyEvent, createRun } from "../../../lib/domain/run";
import type { RunCommand } from "../../../lib/domain/run";
import { dag, states, T0, task, ti } from "./helpers";

const at = (s: number) => new Date(Date.parse(T0) + s * 1000).toISOString();
const starts = (commands: RunCommand[]) =>
  commands.filter((c) => c.type === "start_try").map((c) => `${c.task_id}#${c.try_number}`);

describe("run_resumed", () => {
  const tasks = [
    task("a"),
    task("lost", [], { retries: 1, retry_delay: 60_000 }),
    task("waiting", [], { retries: 2 }),
    task("due", [], { retries: 2 }),
    task("handed_out"),
    task("ready", ["a"]),
  ];
  const restored = () =>
    createRun({
      dag: dag(tasks, { dagrun_timeout: 3_600_000 }),
      run_id: "r",
      logical_date: T0,
      restore: {
        state: "running",
        start_date: at(0),
        end_date: null,
        tasks: {
          a: { state: "success", try_number: 1 },
          lost: { state: "running", try_number: 1, start_date: at(5) },
          waiting: { state: "up_for_retry", try_number: 1, next_try_at: at(900) },
          due: { state: "up_for_retry", try_number: 1, next_try_at: at(50) },
          handed_out: { state: "queued", try_number: 1 },
        },
      },
    });

  it("re-arms timers, restarts what was due or handed out, and retries a try whose worker was lost", () => {
    const r = applyEvent(restored(), { type: "run_resumed", at: at(100) });
    expect(ti(r.state, "lost")).toMatchObject({ state: "up_for_retry", try_number: 1 });
    expect(ti(r.state, "lost").reason).toContain("the worker running this try was lost");
    expect(r.commands).toContainEqual({ type: "schedule_retry_timer", task_id: "waiting", try_number: 1, at: at(900) });
    expect(r.commands).toContainEqual(expect.objectContaining({ type: "schedule_retry_timer", task_id: "lost", try_number: 1 }));
    expect(starts(r.commands).sort()).toEqual(["due#2", "handed_out#2", "ready#1"]);
    expect(r.commands).toContainEqual({ type: "schedule_run_timeout", at: at(3600) });
    expect(states(r.state)).toMatchObject({ a: "success", due: "scheduled", handed_out: "scheduled", ready: "scheduled" });
  });

  it("is ignored unless the run is running", () => {
    const queued = createRun({ dag: dag(tasks), run_id: "r", logical_date: T0 });
    expect(applyEvent(queued, { type: "run_resumed", at: at(1) }).ignored).toMatch(/queued/);
  });

  it("lets a restored finished run be cleared and run again", () => {
    const run = createRun({
      dag: dag([task("a"), task("b", ["a"])]),
      run_id: "r",
      logical_date: T0,
      restore: {
        state: "failed",
        start_date: at(0),
        end_date: at(10),
        tasks: { a: { state: "failed", try_number: 1 }, b: { state: "upstream_failed", try_number: 0 } },
      },
    });
    const r = applyEvent(run, { type: "clear_tasks", task_ids: ["a"], include_downstream: true, at: at(20) });
    expect(r.state.state).toBe("running");
    expect(starts(r.commands)).toEqual(["a#2"]);
  });

  it("refuses to restore a task the DAG does not have", () => {
    expect(() =>
      createRun({
        dag: dag([task("a")]),
        run_id: "r",
        logical_date: T0,
        restore: { state: "running", start_date: null, end_date: null, tasks: { zz: { state: "success", try_number: 1 } } },
      }),
    ).toThrow("Cannot restore 'zz': it is not a task of DAG 'test_dag'.");
  });
});
