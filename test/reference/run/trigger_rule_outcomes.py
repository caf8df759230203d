"""Reference outcomes of Airflow's own TriggerRuleDep for every trigger rule over upstream mixes.

Run with the Apache Airflow 3.1.8 venv (see shared/TOOLCHAIN.md):
    AIRFLOW_HOME=/tmp/airflow-ref /work/airflow-venv/bin/python \
        test/reference/run/trigger_rule_outcomes.py > test/reference/run/trigger-rule-outcomes.json

It calls the real airflow.ti_deps.deps.trigger_rule_dep.TriggerRuleDep with a real DepContext
(flag_upstream_failed=True, as the scheduler's _get_ready_tis does) and minimal stand-ins for the
task and task instances (no database: the dep only reads the finished upstream TIs it is given).
For each case it records the state the dep set on the task (None when it set none) and whether
the dep passed. test/unit/run/trigger-rule-reference.test.ts checks Windsock's engine against it.
"""

from __future__ import annotations

import itertools
import json
import sys

import airflow
from airflow.task.trigger_rule import TriggerRule
from airflow.ti_deps.dep_context import DepContext
from airflow.ti_deps.deps.trigger_rule_dep import TriggerRuleDep
from airflow.utils.state import TaskInstanceState

FINISHED = ["success", "failed", "skipped", "upstream_failed", "removed"]
UNFINISHED = ["running", "none"]


class FakeUpstreamTask:
    def __init__(self, task_id: str):
        self.task_id = task_id
        self.is_setup = False

    def get_needs_expansion(self) -> bool:
        return False


class FakeTask:
    def __init__(self, trigger_rule: str, upstream_ids: list[str]):
        self.task_id = "t"
        self.trigger_rule = TriggerRule(trigger_rule)
        self.upstream_task_ids = set(upstream_ids)
        self.upstream_list = [FakeUpstreamTask(u) for u in upstream_ids]
        self.is_teardown = False
        self.is_setup = False
        self.task_group = None

    def get_upstreams_only_setups(self):
        return []

    def get_closest_mapped_task_group(self):
        return None


class FakeTI:
    def __init__(self, task_id: str, state: str | None, task):
        self.task_id = task_id
        self.state = None if state in (None, "none") else TaskInstanceState(state)
        self.task = task
        self.map_index = -1
        self.run_id = "r"
        self.dag_id = "d"
        self.new_state = None

    def get_dagrun(self, session=None):
        return None

    def set_state(self, state, session=None) -> bool:
        self.new_state = state
        self.state = state
        return True


def evaluate(rule: str, upstream_states: list[str]) -> dict:
    ids = [f"u{i}" for i in range(len(upstream_states))]
    task = FakeTask(rule, ids)
    ti = FakeTI("t", None, task)
    finished = [
        FakeTI(uid, st, FakeUpstreamTask(uid)) for uid, st in zip(ids, upstream_states) if st in FINISHED
    ]
    ctx = DepContext(flag_upstream_failed=True, finished_tis=finished)
    statuses = list(TriggerRuleDep()._get_dep_statuses(ti, None, ctx))
    passed = all(s.passed for s in statuses)
    return {
        "rule": rule,
        "upstream": upstream_states,
        "new_state": None if ti.new_state is None else str(ti.new_state),
        "passed": passed,
    }


def upstream_mixes():
    states = FINISHED + UNFINISHED
    for size in (1, 2, 3):
        yield from (list(c) for c in itertools.combinations_with_replacement(states, size))
    reduced = ["success", "failed", "skipped", "upstream_failed", "running"]
    yield from (list(c) for c in itertools.combinations_with_replacement(reduced, 4))


def main() -> None:
    cases = [evaluate(rule.value, mix) for rule in TriggerRule for mix in upstream_mixes()]
    # No upstream at all passes for every rule; keep one case per rule to show it.
    cases += [evaluate(rule.value, []) for rule in TriggerRule]
    json.dump(
        {"airflow_version": airflow.__version__, "generated_by": "test/reference/run/trigger_rule_outcomes.py", "cases": cases},
        sys.stdout,
        indent=None,
        separators=(",", ":"),
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
