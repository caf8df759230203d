"""Dump Apache Airflow 3.1.8's next_dagrun_info sequences and manual data intervals for a
table of cases into test/unit/timetable/fixtures/airflow-timetables.json.

Not run by `npm test`. Regenerate with:
    python3 -m venv /work/airflow-venv && /work/airflow-venv/bin/pip install "apache-airflow==3.1.8"
    AIRFLOW_HOME=$(mktemp -d) /work/airflow-venv/bin/python test/reference/dump-airflow-timetables.py

Every case is computed twice: with Airflow as released ("airflow") and with CronMixin._get_prev
patched to the behaviour fixed upstream in apache/airflow#70089 ("fixed": step back until the
tick truly precedes the given time). Cases where the two differ are marked "dst_bug": true;
Windsock follows "fixed".
"""
from __future__ import annotations

import datetime
import json
import os
import sys
from unittest import mock

import pendulum
from croniter import croniter
from dateutil.relativedelta import relativedelta

from airflow._shared.timezones import timezone as tzmod
from airflow._shared.timezones.timezone import convert_to_utc, make_aware, make_naive
from airflow.timetables import _cron
from airflow.timetables.base import DataInterval, TimeRestriction
from airflow.timetables.interval import CronDataIntervalTimetable, DeltaDataIntervalTimetable
from airflow.timetables.simple import ContinuousTimetable, NullTimetable, OnceTimetable
from airflow.timetables.trigger import CronTriggerTimetable, DeltaTriggerTimetable

OUT = os.path.join(os.path.dirname(__file__), "..", "unit", "timetable", "fixtures", "airflow-timetables.json")
UTC = pendulum.UTC

released_get_prev = _cron.CronMixin._get_prev


def fixed_get_prev(self, current):
    naive = make_naive(current, self._timezone)
    cron = croniter(self._expression, start_time=naive)
    scheduled = cron.get_prev(datetime.datetime)
    if not _cron._covers_every_hour(cron):
        result = convert_to_utc(make_aware(scheduled, self._timezone))
        while result >= current:
            scheduled = cron.get_prev(datetime.datetime)
            result = convert_to_utc(make_aware(scheduled, self._timezone))
        return result
    delta = naive - scheduled
    return convert_to_utc(current.in_timezone(self._timezone) - delta)


def ms(dt):
    return int(round(dt.timestamp() * 1000))


def from_ms(v):
    return pendulum.from_timestamp(v / 1000, tz=UTC)


def delta_obj(d):
    if d["months"] == 0:
        return datetime.timedelta(milliseconds=d["ms"])
    return relativedelta(months=d["months"], microseconds=d["ms"] * 1000)


def build(tt):
    t = tt["type"]
    if t == "none":
        return NullTimetable()
    if t == "once":
        return OnceTimetable()
    if t == "continuous":
        return ContinuousTimetable()
    if t == "cron_data_interval":
        return CronDataIntervalTimetable(tt["cron"], tt["timezone"])
    if t == "cron_trigger":
        ri = tt["run_immediately"]
        if not isinstance(ri, bool):
            ri = datetime.timedelta(milliseconds=ri)
        return CronTriggerTimetable(tt["cron"], timezone=tt["timezone"], interval=delta_obj(tt["interval"]), run_immediately=ri)
    if t == "delta_data_interval":
        return DeltaDataIntervalTimetable(delta_obj(tt["delta"]))
    if t == "delta_trigger":
        return DeltaTriggerTimetable(delta_obj(tt["delta"]), interval=delta_obj(tt["interval"]))
    raise ValueError(t)


def frozen(now_ms):
    now = from_ms(now_ms)
    return [
        mock.patch("airflow.timetables.interval.utcnow", lambda: now),
        mock.patch("airflow.timetables.trigger.utcnow", lambda: now),
        mock.patch.object(tzmod, "utcnow", lambda: now),
    ]


def run_sequence(case):
    tt = build(case["timetable"])
    r = TimeRestriction(
        from_ms(case["earliest"]) if case["earliest"] is not None else None,
        from_ms(case["latest"]) if case["latest"] is not None else None,
        case["catchup"],
    )
    last = DataInterval(from_ms(case["after"][0]), from_ms(case["after"][1])) if case["after"] else None
    out = []
    patches = frozen(case["now"])
    for p in patches:
        p.start()
    try:
        for _ in range(case["n"]):
            try:
                info = tt.next_dagrun_info(last_automated_data_interval=last, restriction=r)
            except Exception as e:  # noqa: BLE001 - recorded as an outcome
                out.append({"error": type(e).__name__})
                break
            if info is None:
                break
            di = info.data_interval
            if last is not None and di.start == last.start and di.end == last.end:
                break  # same interval again (continuous with a frozen clock): same run_id
            out.append({"start": ms(di.start), "end": ms(di.end), "run_after": ms(info.run_after), "logical_date": ms(info.logical_date)})
            last = di
    finally:
        for p in patches:
            p.stop()
    return out


def manual(case):
    tt = build(case["timetable"])
    di = tt.infer_manual_data_interval(run_after=from_ms(case["run_after"]))
    return {"start": ms(di.start), "end": ms(di.end)}


def both(fn, case):
    released = fn(case)
    with mock.patch.object(_cron.CronMixin, "_get_prev", fixed_get_prev):
        fixed = fn(case)
    return released, fixed


def local(tzname, y, mo, d, h=0, mi=0):
    return ms(pendulum.datetime(y, mo, d, h, mi, tz=tzname))


def utc(y, mo, d, h=0, mi=0, s=0):
    return ms(pendulum.datetime(y, mo, d, h, mi, s, tz=UTC))


D = lambda months=0, ms_=0: {"months": months, "ms": ms_}
H = 3_600_000
DAY = 24 * H

# DST changes: (timezone, [(y, m, d) spring gap, (y, m, d) autumn fold])
ZONES = {
    "UTC": [(2024, 3, 31), (2024, 10, 27)],
    "Europe/Zurich": [(2024, 3, 31), (2024, 10, 27)],
    "America/New_York": [(2024, 3, 10), (2024, 11, 3)],
    "Australia/Sydney": [(2024, 10, 6), (2024, 4, 7)],
}
CRONS = ["0 0 * * *", "30 2 * * *", "0 2 * * *", "0 1 * * *", "0 * * * *", "*/30 * * * *", "15 1,2,3 * * *", "0 3 * * 0", "0 0 1 * *", "0 0 * * 1-5", "0 0 1 * MON"]


def cases():
    out = []
    for tz, days in ZONES.items():
        for (y, m, d) in days:
            start = local(tz, y, m, d) - 2 * DAY
            for cron in CRONS:
                tts = [
                    {"type": "cron_data_interval", "cron": cron, "timezone": tz},
                    {"type": "cron_trigger", "cron": cron, "timezone": tz, "interval": D(), "run_immediately": False},
                    {"type": "cron_trigger", "cron": cron, "timezone": tz, "interval": D(0, DAY), "run_immediately": False},
                ]
                for tt in tts:
                    out.append({"timetable": tt, "earliest": start, "latest": None, "catchup": True, "after": None, "now": local(tz, y, m, d) + 5 * DAY, "n": 8})
                    # catchup off, "now" at several points around the change
                    for hours in (-0.5, 1.5, 2.25, 2.75, 3.5, 26):
                        now = local(tz, y, m, d) + int(hours * H)
                        out.append({"timetable": tt, "earliest": start, "latest": None, "catchup": False, "after": None, "now": now, "n": 4})
                    # no start date, catchup off
                    out.append({"timetable": tt, "earliest": None, "latest": None, "catchup": False, "after": None, "now": local(tz, y, m, d) + int(2.5 * H), "n": 4})
                    # end date cuts the sequence
                    out.append({"timetable": tt, "earliest": start, "latest": start + 3 * DAY, "catchup": True, "after": None, "now": local(tz, y, m, d) + 5 * DAY, "n": 10})
            # delta timetables
            for delta in (D(0, DAY), D(0, 6 * H), D(0, 90 * 60_000), D(1, 0), D(0, 7 * DAY)):
                for tt in ({"type": "delta_data_interval", "delta": delta}, {"type": "delta_trigger", "delta": delta, "interval": D()}, {"type": "delta_trigger", "delta": delta, "interval": D(0, H)}):
                    out.append({"timetable": tt, "earliest": start, "latest": None, "catchup": True, "after": None, "now": local(tz, y, m, d) + 5 * DAY, "n": 6})
                    out.append({"timetable": tt, "earliest": start, "latest": None, "catchup": False, "after": None, "now": local(tz, y, m, d) + 2 * H + 17 * 60_000 + 3000, "n": 4})
                    out.append({"timetable": tt, "earliest": None, "latest": None, "catchup": False, "after": None, "now": local(tz, y, m, d) + 2 * H + 17 * 60_000 + 3000, "n": 4})
    # more cron shapes: last day of month, ranges, leap day, names, quarterly, DOM+DOW "or"
    for tz in ("UTC", "America/New_York"):
        for cron in ("45 23 L * *", "0 9-17 * * 1-5", "0 0 29 2 *", "5 4 * * SUN", "0 0 1 */3 *", "0 0 1-7 * 1", "0 12 * JAN,JUL *", "*/7 * * * *"):
            for tt in (
                {"type": "cron_data_interval", "cron": cron, "timezone": tz},
                {"type": "cron_trigger", "cron": cron, "timezone": tz, "interval": D(), "run_immediately": False},
            ):
                out.append({"timetable": tt, "earliest": utc(2023, 12, 15), "latest": None, "catchup": True, "after": None, "now": utc(2030, 1, 1), "n": 8})
                out.append({"timetable": tt, "earliest": utc(2023, 12, 15), "latest": None, "catchup": False, "after": None, "now": utc(2024, 3, 1, 13, 7), "n": 3})
    # run_immediately on cron_trigger without a start date
    for ri in (True, False, 30 * 60_000, 10 * 60_000):
        for cron in ("0 * * * *", "0 0 * * *", "*/10 * * * *"):
            for minutes in (0, 3, 7, 20, 59, 150, 23 * 60 + 50):
                out.append({"timetable": {"type": "cron_trigger", "cron": cron, "timezone": "UTC", "interval": D(), "run_immediately": ri}, "earliest": None, "latest": None, "catchup": False, "after": None, "now": utc(2024, 5, 6) + minutes * 60_000, "n": 3})
                out.append({"timetable": {"type": "cron_trigger", "cron": cron, "timezone": "UTC", "interval": D(), "run_immediately": ri}, "earliest": None, "latest": None, "catchup": True, "after": None, "now": utc(2024, 5, 6) + minutes * 60_000, "n": 3})
    # schedule change realignment / resuming after a given last interval
    for tt in ({"type": "cron_data_interval", "cron": "0 6 * * *", "timezone": "UTC"}, {"type": "cron_trigger", "cron": "0 6 * * *", "timezone": "UTC", "interval": D(), "run_immediately": False}, {"type": "delta_data_interval", "delta": D(0, DAY)}):
        for catchup in (True, False):
            out.append({"timetable": tt, "earliest": utc(2024, 1, 1), "latest": None, "catchup": catchup, "after": [utc(2024, 1, 9), utc(2024, 1, 10)], "now": utc(2024, 1, 20, 7), "n": 5})
            out.append({"timetable": tt, "earliest": utc(2024, 1, 1, 3), "latest": None, "catchup": catchup, "after": None, "now": utc(2024, 1, 3, 6), "n": 5})
            out.append({"timetable": tt, "earliest": utc(2024, 1, 1, 6), "latest": None, "catchup": catchup, "after": None, "now": utc(2024, 1, 3, 6), "n": 5})
    # once / continuous / none
    for tt in ({"type": "once"}, {"type": "continuous"}, {"type": "none"}):
        for earliest in (None, utc(2024, 1, 1), utc(2030, 1, 1)):
            for after in (None, [utc(2024, 1, 1), utc(2024, 1, 2)]):
                for latest in (None, utc(2024, 6, 1)):
                    out.append({"timetable": tt, "earliest": earliest, "latest": latest, "catchup": False, "after": after, "now": utc(2024, 5, 6, 12), "n": 3})
    return out


def manual_cases():
    out = []
    for tz, days in ZONES.items():
        for (y, m, d) in days:
            for cron in CRONS:
                for hours in (-0.5, 0, 1.5, 2, 2.5, 3, 3.5, 5, 7.5, 13):
                    ra = local(tz, y, m, d) + int(hours * H)
                    out.append({"timetable": {"type": "cron_data_interval", "cron": cron, "timezone": tz}, "run_after": ra})
                    out.append({"timetable": {"type": "cron_trigger", "cron": cron, "timezone": tz, "interval": D(0, 2 * H), "run_immediately": False}, "run_after": ra})
    for tt in ({"type": "delta_data_interval", "delta": D(0, DAY)}, {"type": "delta_data_interval", "delta": D(1, 0)}, {"type": "delta_trigger", "delta": D(0, DAY), "interval": D()}, {"type": "once"}, {"type": "continuous"}, {"type": "none"}):
        out.append({"timetable": tt, "run_after": utc(2024, 3, 31, 12, 30)})
    # known documented example from apache/airflow#70089
    out.append({"timetable": {"type": "cron_data_interval", "cron": "0 2 * * *", "timezone": "America/New_York"}, "run_after": utc(2024, 3, 10, 7, 30)})
    return out


CRON_VALIDITY = [
    "0 0 * * *", "*/5 * * * *", "0 0 * *", "0 0 * * * *", "61 * * * *", "0 24 * * *", "0 0 0 * *", "0 0 32 * *",
    "0 0 * 13 *", "0 0 * * 8", "0 0 * * 7", "0 0 31 2 *", "0 0 L * *", "5-10/2 * * * *", "0 0 * * MON-FRI", "0 0 1 JAN *",
    "0 0 ? * *", "a b c d e", "", "0 0 1,15 * *", "0 0 * * 1#2", "0 0 * * 5L", "0 0 15W * *", "H * * * *", "0 0 1-31/0 * *",
    "@daily", "@hourly", "@once", "@every_day", "0 0 29 2 *", "10-5 * * * *",
]


def cron_validity():
    out = []
    for expr in CRON_VALIDITY:
        try:
            t = CronTriggerTimetable(expr, timezone="UTC")
            t.validate()
            ok = True
        except Exception:  # noqa: BLE001 - recorded as an outcome
            ok = False
        out.append({"cron": expr, "airflow_ok": ok})
    return out


def main():
    result = {"airflow_version": "3.1.8", "sequences": [], "manual": [], "cron_validity": cron_validity()}
    for c in cases():
        released, fixed = both(run_sequence, c)
        entry = dict(c, expected=fixed)
        if released != fixed:
            entry["dst_bug"] = True
            entry["airflow_released"] = released
        result["sequences"].append(entry)
    for c in manual_cases():
        released, fixed = both(manual, c)
        entry = dict(c, expected=fixed)
        if released != fixed:
            entry["dst_bug"] = True
            entry["airflow_released"] = released
        result["manual"].append(entry)
    with open(OUT, "w") as f:
        json.dump(result, f, separators=(",", ":"))
        f.write("\n")
    bugs = sum(1 for e in result["sequences"] + result["manual"] if e.get("dst_bug"))
    print(f"{len(result['sequences'])} sequences, {len(result['manual'])} manual cases, {bugs} marked dst_bug -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
