"""Whole DagRuns run by Apache Airflow 3.1.8's own DAG.test(), as a reference for the engine.

Each scenario is a small DAG whose tasks succeed, fail, skip themselves, branch or
short-circuit. Airflow runs it in-process; the final task states, try numbers and run state
are written out together with the scenario, and test/unit/run/dag-test-reference.test.ts
drives Windsock's engine through the same scenario and compares.

Run with the Airflow venv (see shared/TOOLCHAIN.md), after `airflow db migrate`; the script
copies itself into $AIRFLOW_HOME/dags so the dags-folder bundle serializes the scenario DAGs:
    export AIRFLOW_HOME=/tmp/airflow-dagtest AIRFLOW__CORE__LOAD_EXAMPLES=False
    /work/airflow-venv/bin/airflow db migrate
    /work/airflow-venv/bin/python test/reference/run/dag_test_scenarios.py \
        test/reference/run/dag-test-scenarios.json
(Airflow logs to stdout, so the JSON goes to the file named first; scenario names may follow.)
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import sys

import airflow
from airflow.exceptions import AirflowSkipException
from airflow.providers.standard.operators.python import (
    BranchPythonOperator,
    PythonOperator,
    ShortCircuitOperator,
)
from airflow.sdk import DAG


def T(task_id, upstream=(), behavior="success", trigger_rule="all_success", retries=0):
    return {
        "task_id": task_id,
        "upstream": list(upstream),
        "behavior": behavior,
        "trigger_rule": trigger_rule,
        "retries": retries,
    }


SCENARIOS = {
    "branch_then_join_none_failed_min_one_success": [
        T("choose", behavior={"branch": ["fast"]}),
        T("fast", ["choose"]),
        T("slow", ["choose"]),
        T("slow_2", ["slow"]),
        T("join", ["fast", "slow_2"], trigger_rule="none_failed_min_one_success"),
        T("report", ["join"]),
    ],
    "branch_then_join_all_success": [
        T("choose", behavior={"branch": ["fast"]}),
        T("fast", ["choose"]),
        T("slow", ["choose"]),
        T("join", ["fast", "slow"]),
        T("report", ["join"]),
    ],
    "branch_with_empty_path": [
        T("choose", behavior={"branch": ["task1"]}),
        T("task1", ["choose"]),
        T("join", ["choose", "task1"], trigger_rule="none_failed_min_one_success"),
    ],
    "branch_follows_join_directly": [
        T("choose", behavior={"branch": ["join"]}),
        T("task1", ["choose"]),
        T("join", ["choose", "task1"], trigger_rule="none_failed_min_one_success"),
    ],
    "branch_follows_nothing": [
        T("choose", behavior={"branch": []}),
        T("a", ["choose"]),
        T("b", ["choose"]),
        T("after", ["a", "b"], trigger_rule="one_success"),
        T("cleanup", ["after"], trigger_rule="all_done"),
    ],
    "short_circuit_skips_everything_below": [
        T("check", behavior={"short_circuit": True}),
        T("a", ["check"]),
        T("b", ["a"]),
        T("notify", ["b"], trigger_rule="all_done"),
        T("independent"),
    ],
    "short_circuit_respecting_trigger_rules": [
        T("check", behavior={"short_circuit": False}),
        T("a", ["check"]),
        T("b", ["a"]),
        T("notify", ["b"], trigger_rule="all_done"),
    ],
    "failure_cascade_and_handlers": [
        T("extract", behavior="fail"),
        T("transform", ["extract"]),
        T("load", ["transform"]),
        T("cleanup", ["extract"], trigger_rule="all_done"),
        T("alert", ["extract"], trigger_rule="one_failed"),
        T("all_failed_handler", ["extract", "transform"], trigger_rule="all_failed"),
        T("tolerant", ["transform"], trigger_rule="none_failed"),
    ],
    "failure_handled_by_all_done_leaf": [
        T("work", behavior="fail"),
        T("always_runs", ["work"], trigger_rule="all_done"),
    ],
    "skip_through_every_rule": [
        T("skipper", behavior="skip"),
        T("ok"),
        T("r_none_skipped", ["skipper", "ok"], trigger_rule="none_skipped"),
        T("r_one_success", ["skipper", "ok"], trigger_rule="one_success"),
        T("r_all_skipped", ["skipper"], trigger_rule="all_skipped"),
        T("r_none_failed", ["skipper", "ok"], trigger_rule="none_failed"),
        T("r_all_done_min_one_success", ["skipper", "ok"], trigger_rule="all_done_min_one_success"),
        T("r_one_done", ["skipper", "ok"], trigger_rule="one_done"),
        T("r_all_done_setup_success", ["skipper", "ok"], trigger_rule="all_done_setup_success"),
        T("r_always", ["skipper"], trigger_rule="always"),
        T("r_all_failed", ["skipper"], trigger_rule="all_failed"),
    ],
    "one_success_with_every_upstream_failing": [
        T("a", behavior="fail"),
        T("b", behavior="fail"),
        T("any", ["a", "b"], trigger_rule="one_success"),
        T("one_failed_alert", ["a", "b"], trigger_rule="one_failed"),
        T("one_done", ["a", "b"], trigger_rule="one_done"),
    ],
    "all_success_path_skips_failure_handlers": [
        T("a"),
        T("b", ["a"]),
        T("on_failure", ["a", "b"], trigger_rule="one_failed"),
        T("on_all_failed", ["b"], trigger_rule="all_failed"),
        T("none_skipped", ["a", "b"], trigger_rule="none_skipped"),
    ],
    "retries_used_up": [
        T("flaky", behavior="fail", retries=2),
        T("after", ["flaky"]),
    ],
}


def make_callable(behavior):
    if behavior == "success":
        return PythonOperator, {"python_callable": lambda: None}
    if behavior == "fail":

        def fail():
            raise ValueError("boom")

        return PythonOperator, {"python_callable": fail}
    if behavior == "skip":

        def skip():
            raise AirflowSkipException("skipping myself")

        return PythonOperator, {"python_callable": skip}
    if "branch" in behavior:
        follow = behavior["branch"]
        return BranchPythonOperator, {"python_callable": lambda: follow}
    if "short_circuit" in behavior:
        return ShortCircuitOperator, {
            "python_callable": lambda: False,
            "ignore_downstream_trigger_rules": behavior["short_circuit"],
        }
    raise ValueError(behavior)


def build(name, tasks):
    with DAG(dag_id=f"ref_{name}", schedule=None, start_date=dt.datetime(2026, 1, 1), catchup=False) as dag:
        ops = {}
        for t in tasks:
            cls, kwargs = make_callable(t["behavior"])
            ops[t["task_id"]] = cls(
                task_id=t["task_id"],
                trigger_rule=t["trigger_rule"],
                retries=t["retries"],
                retry_delay=dt.timedelta(0),
                **kwargs,
            )
        for t in tasks:
            for up in t["upstream"]:
                ops[up] >> ops[t["task_id"]]
    return dag


# Module level, so Airflow's DAG processor finds the DAGs when this file sits in the dags folder
# (DAG.test() only runs DAGs that the dags-folder bundle has serialized).
DAGS = {name: build(name, tasks) for name, tasks in SCENARIOS.items()}
for _name, _dag in DAGS.items():
    globals()[f"dag_{_name}"] = _dag


def run(name, tasks):
    dag = DAGS[name]
    dr = dag.test(logical_date=dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    tis = {ti.task_id: ti for ti in dr.get_task_instances()}
    return {
        "name": name,
        "tasks": tasks,
        "airflow": {
            "run_state": str(dr.state),
            "task_states": {tid: (None if ti.state is None else str(ti.state)) for tid, ti in sorted(tis.items())},
            "try_numbers": {tid: ti.try_number for tid, ti in sorted(tis.items())},
        },
    }


def main() -> None:
    import os
    import shutil

    dags_folder = os.path.join(os.environ["AIRFLOW_HOME"], "dags")
    os.makedirs(dags_folder, exist_ok=True)
    shutil.copyfile(__file__, os.path.join(dags_folder, "windsock_reference_scenarios.py"))
    logging.disable(logging.CRITICAL)
    out_path, only = sys.argv[1], set(sys.argv[2:])
    results = [run(name, tasks) for name, tasks in SCENARIOS.items() if not only or name in only]
    with open(out_path, "w") as out:
        write(out, results)


def write(out, results) -> None:
    json.dump(
        {
            "airflow_version": airflow.__version__,
            "generated_by": "test/reference/run/dag_test_scenarios.py",
            "scenarios": results,
        },
        out,
        indent=1,
    )
    out.write("\n")


if __name__ == "__main__":
    main()
