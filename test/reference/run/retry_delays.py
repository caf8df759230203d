"""Reference retry times from Airflow's own TaskInstance.next_retry_datetime (3.1.8).

Every case's failed try ended at `end_date`. Run with the Apache Airflow 3.1.8 venv (see shared/TOOLCHAIN.md):
    AIRFLOW_HOME=/tmp/airflow-ref /work/airflow-venv/bin/python \
        test/reference/run/retry_delays.py > test/reference/run/retry-delays.json

The real method is called on a stand-in task instance holding exactly the attributes it reads.
logical_date is a stdlib datetime in Airflow's `utc` zone, as the scheduler reads it from the
database (UtcDateTime.process_result_value), so str(logical_date) is "YYYY-MM-DD HH:MM:SS+00:00",
which is what the jitter hashes. test/unit/run/retry-delay-reference.test.ts checks Windsock's
nextRetryDatetime against every case.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import logging
import sys

import airflow
from airflow._shared.timezones.timezone import utc
from airflow.models.taskinstance import TaskInstance


class FakeTask:
    def __init__(self, retry_delay, backoff, max_retry_delay):
        self.retry_delay = retry_delay
        self.retry_exponential_backoff = backoff
        self.max_retry_delay = max_retry_delay


class FakeTI:
    log = logging.getLogger("reference")

    def __init__(self, dag_id, task_id, logical_date, try_number, end_date, task):
        self.dag_id = dag_id
        self.task_id = task_id
        self.logical_date = logical_date
        self.try_number = try_number
        self.end_date = end_date
        self.task = task


def iso(d: dt.datetime | None) -> str | None:
    if d is None:
        return None
    return d.astimezone(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


END_DATE = dt.datetime(2026, 1, 2, 3, 4, 5, 678000, tzinfo=utc)


def case(dag_id, task_id, logical_date, try_number, retry_delay_s, backoff, max_retry_delay_s):
    end_date = END_DATE
    task = FakeTask(
        dt.timedelta(seconds=retry_delay_s),
        backoff,
        None if max_retry_delay_s is None else dt.timedelta(seconds=max_retry_delay_s),
    )
    ti = FakeTI(dag_id, task_id, logical_date, try_number, end_date, task)
    nxt = TaskInstance.next_retry_datetime(ti)
    return {
        "dag_id": dag_id,
        "task_id": task_id,
        "logical_date": iso(logical_date),
        "try_number": try_number,
        "retry_delay_ms": round(retry_delay_s * 1000),
        "retry_exponential_backoff": backoff,
        "max_retry_delay_ms": None if max_retry_delay_s is None else round(max_retry_delay_s * 1000),
        "next_retry_datetime": iso(nxt),
        "delay_ms": round((nxt - end_date).total_seconds() * 1000),
    }


def main() -> None:
    logical_dates = [
        dt.datetime(2021, 1, 1, tzinfo=utc),
        dt.datetime(2026, 3, 15, 12, 34, 56, 789000, tzinfo=utc),
        None,
    ]
    keys = [("user_processing", "fetch_user"), ("etl", "load.to_warehouse"), ("dag-é", "tâche_1")]
    cases = []
    for (dag_id, task_id), logical_date, try_number, delay, max_delay in itertools.product(
        keys,
        logical_dates,
        [1, 2, 3, 5, 12, 40, 1030],
        [0, 0.4, 1, 60, 300, 3600],
        [None, 7200.5],
    ):
        cases.append(case(dag_id, task_id, logical_date, try_number, delay, True, max_delay))
    for delay, try_number, max_delay in itertools.product([0, 0.4, 300, 3600 * 30], [1, 5], [None, 60]):
        cases.append(case("etl", "plain", logical_dates[0], try_number, delay, False, max_delay))
    json.dump(
        {
            "airflow_version": airflow.__version__,
            "generated_by": "test/reference/run/retry_delays.py",
            "end_date": iso(END_DATE),
            "cases": cases,
        },
        sys.stdout,
        indent=None,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
