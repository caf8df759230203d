// Airflow's TriggerRuleDep (airflow/ti_deps/deps/trigger_rule_dep.py, 3.1.8), as a pure function.
// Two phases, as there: first, with flag_upstream_failed, the counts of FINISHED upstreams may
// decide the task's fate at once (new_state skipped or upstream_failed); second, the rule says
// whether the task may run now (passed). Branches below mirror the Python line by line so a
// reader can diff them; mapped tasks and map indexes do not exist here (map_index is always -1).
//
// Setup tasks: Windsock has no setup/teardown tasks yet, so every upstream has is_setup false,
// the "indirect setup" constraint never applies, and all_done_setup_success behaves exactly as
// all_done (Airflow does the same for a task with no setup upstream: upstream_setup is 0).

import { FINISHED_STATES, type TaskState } from "./task-state";
import type { TriggerRule } from "./trigger-rule";

export interface UpstreamInstance {
  task_id: string;
  state: TaskState;
  /** Always false until setup/teardown tasks exist. */
  is_setup?: boolean;
}

/** Airflow's _UpstreamTIStates plus the totals it compares them with. */
export interface UpstreamCounts {
  success: number;
  skipped: number;
  failed: number;
  upstream_failed: number;
  removed: number;
  done: number;
  success_setup: number;
  skipped_setup: number;
  /** Number of upstream tasks (finished or not). */
  upstream: number;
  upstream_setup: number;
}

export interface TriggerRuleDecision {
  /** Set when the upstream states settle the task's fate without running it. */
  new_state: "skipped" | "upstream_failed" | null;
  /** Whether the trigger rule lets the task run now (only meaningful when new_state is null). */
  passed: boolean;
  /** Why, in words a user understands. */
  reason: string;
}

export function countUpstreams(upstreams: readonly UpstreamInstance[]): UpstreamCounts {
  const c: UpstreamCounts = {
    success: 0,
    skipped: 0,
    failed: 0,
    upstream_failed: 0,
    removed: 0,
    done: 0,
    success_setup: 0,
    skipped_setup: 0,
    upstream: upstreams.length,
    upstream_setup: 0,
  };
  for (const u of upstreams) {
    if (u.is_setup) c.upstream_setup++;
    if (!FINISHED_STATES.has(u.state)) continue;
    c.done++;
    if (u.state === "success") {
      c.success++;
      if (u.is_setup) c.success_setup++;
    } else if (u.state === "skipped") {
      c.skipped++;
      if (u.is_setup) c.skipped_setup++;
    } else if (u.state === "failed") c.failed++;
    else if (u.state === "upstream_failed") c.upstream_failed++;
    else if (u.state === "removed") c.removed++;
  }
  return c;
}

/** Evaluate `rule` for a task whose direct upstreams are `upstreams` (flag_upstream_failed on). */
export function evaluateTriggerRule(rule: TriggerRule, upstreams: readonly UpstreamInstance[]): TriggerRuleDecision {
  if (upstreams.length === 0) {
    return { new_state: null, passed: true, reason: "The task has no upstream tasks." };
  }
  if (rule === "always") {
    return { new_state: null, passed: true, reason: "The task's trigger rule is 'always'." };
  }
  const c = countUpstreams(upstreams);
  const { success, skipped, failed, upstream_failed, removed, done, upstream } = c;
  const upstreamDone = done >= upstream;
  const states = describeUpstreams(upstreams);
  const settle = (new_state: "skipped" | "upstream_failed", why: string): TriggerRuleDecision => ({
    new_state,
    passed: false,
    reason: `${new_state === "skipped" ? "Skipped" : "Upstream failed"}: trigger rule '${rule}' ${why}. ${states}`,
  });
  const wait = (why: string): TriggerRuleDecision => ({
    new_state: null,
    passed: false,
    reason: `Waiting: trigger rule '${rule}' ${why}. ${states}`,
  });
  const pass = (why: string): TriggerRuleDecision => ({
    new_state: null,
    passed: true,
    reason: `Trigger rule '${rule}' is met: ${why}. ${states}`,
  });

  // Phase 1: may the finished upstreams already decide the task's state?
  switch (rule) {
    case "all_success":
      if (upstream_failed || failed) return settle("upstream_failed", "needs every upstream to succeed and one failed");
      if (skipped) return settle("skipped", "needs every upstream to succeed and one was skipped");
      break;
    case "all_failed":
      if (success || skipped) return settle("skipped", "needs every upstream to fail and one succeeded or was skipped");
      break;
    case "one_success":
      if (upstreamDone && done === skipped) return settle("skipped", "needs one upstream success and all were skipped");
      if (upstreamDone && success <= 0) return settle("upstream_failed", "needs one upstream success and none succeeded");
      break;
    case "one_failed":
      if (upstreamDone && !(failed || upstream_failed)) {
        return settle("skipped", "needs one upstream failure and all finished without one");
      }
      break;
    case "one_done":
      if (upstreamDone && !(failed || success)) {
        return settle("skipped", "needs one upstream to succeed or fail and none did");
      }
      break;
    case "none_failed":
      if (upstream_failed || failed) return settle("upstream_failed", "needs no upstream to fail and one failed");
      break;
    case "none_failed_min_one_success":
      if (upstream_failed || failed) return settle("upstream_failed", "needs no upstream to fail and one failed");
      if (skipped === upstream) return settle("skipped", "needs one upstream success and all were skipped");
      break;
    case "none_skipped":
      if (skipped) return settle("skipped", "needs no upstream to be skipped and one was");
      break;
    case "all_skipped":
      if (success || failed || upstream_failed) {
        return settle("skipped", "needs every upstream to be skipped and one was not");
      }
      break;
    case "all_done_min_one_success": {
      // For this rule skipped upstreams are not "done".
      const nonSkippedDone = success + failed + upstream_failed + removed;
      const nonSkippedUpstream = upstream - skipped;
      if (skipped > 0) return settle("skipped", "does not accept skipped upstreams and one was skipped");
      if (nonSkippedDone >= nonSkippedUpstream && success === 0) {
        return settle("upstream_failed", "needs one upstream success and all finished without one");
      }
      break;
    }
    case "all_done_setup_success":
      if (upstreamDone && c.upstream_setup && c.skipped_setup >= c.upstream_setup) {
        return settle("skipped", "needs a successful setup task and all setup tasks were skipped");
      }
      if (upstreamDone && c.upstream_setup && c.success_setup === 0) {
        return settle("upstream_failed", "needs a successful setup task and none succeeded");
      }
      break;
    case "all_done":
      break;
  }

  // Phase 2: may the task run now?
  switch (rule) {
    case "one_success":
      return success <= 0 ? wait("needs one upstream success and none was found yet") : pass("an upstream succeeded");
    case "one_failed":
      return !failed && !upstream_failed
        ? wait("needs one upstream failure and none was found yet")
        : pass("an upstream failed");
    case "one_done":
      return success + failed <= 0
        ? wait("needs one upstream to succeed or fail and none has yet")
        : pass("an upstream succeeded or failed");
    case "all_success": {
      const numFailures = upstream - success;
      return numFailures > 0
        ? wait(`needs every upstream to succeed, ${numFailures} not (yet) successful`)
        : pass("every upstream succeeded");
    }
    case "all_failed": {
      const numSuccess = upstream - failed - upstream_failed;
      return numSuccess > 0
        ? wait(`needs every upstream to fail, ${numSuccess} not (yet) failed`)
        : pass("every upstream failed");
    }
    case "all_done":
      return !upstreamDone
        ? wait(`needs every upstream to finish, ${upstream - done} not done`)
        : pass("every upstream finished");
    case "none_failed":
    case "none_failed_min_one_success": {
      const numFailures = upstream - success - skipped;
      return numFailures > 0
        ? wait(`needs every upstream to succeed or be skipped, ${numFailures} not (yet)`)
        : pass("every upstream succeeded or was skipped");
    }
    case "none_skipped":
      return !upstreamDone || skipped > 0
        ? wait(`needs every upstream to finish without being skipped, ${upstream - done} not done`)
        : pass("every upstream finished and none was skipped");
    case "all_skipped": {
      const numNonSkipped = upstream - skipped;
      return numNonSkipped > 0
        ? wait(`needs every upstream to be skipped, ${numNonSkipped} not (yet) skipped`)
        : pass("every upstream was skipped");
    }
    case "all_done_setup_success":
      if (!upstreamDone) return wait(`needs every upstream to finish, ${upstream - done} not done`);
      if (c.upstream_setup && !c.success_setup) {
        return wait(`needs a successful setup task, ${c.upstream_setup - c.success_setup} did not succeed`);
      }
      return pass("every upstream finished");
    case "all_done_min_one_success": {
      const nonSkippedDone = success + failed + upstream_failed + removed;
      const nonSkippedUpstream = upstream - skipped;
      if (skipped > 0) return wait(`does not accept skipped upstreams, ${skipped} skipped`);
      if (nonSkippedDone < nonSkippedUpstream) {
        return wait(`needs every upstream to finish, ${nonSkippedUpstream - nonSkippedDone} not done`);
      }
      if (success === 0) return wait("needs one upstream success and none was found");
      return pass("every upstream finished and one succeeded");
    }
  }
  return wait("has no strategy here");
}

/** "Upstream: extract=success, load=failed, report=running." with long lists shortened. */
export function describeUpstreams(upstreams: readonly UpstreamInstance[]): string {
  const shown = upstreams.slice(0, 12).map((u) => `${u.task_id}=${u.state}`);
  const more = upstreams.length > 12 ? `, and ${upstreams.length - 12} more` : "";
  return `Upstream: ${shown.join(", ")}${more}.`;
}
