import pendulum, datetime
from airflow.sdk import DAG
from airflow.providers.standard.operators.python import PythonOperator
from airflow.providers.standard.operators.empty import EmptyOperator

def flaky(ti):
    if ti.try_number < 3:
        raise Exception(f"temporary failure on try {ti.try_number}")
    return {"succeeded_on_try": ti.try_number}

def fails():
    raise Exception("gone")

with DAG("retrying", schedule=None, default_args={"retries": 3, "retry_delay": datetime.timedelta(seconds=1), "retry_exponential_backoff": True}) as dag:
    f = PythonOperator(task_id="flaky", python_callable=flaky)
    a = PythonOperator(task_id="always_fails", python_callable=fails, retries=1)
    af = EmptyOperator(task_id="after_flaky")
    c = PythonOperator(task_id="cleanup", python_callable=lambda: "cleaned up", trigger_rule="all_done")
    r = EmptyOperator(task_id="report")
    f >> af
    [f, a] >> c
    a >> r

if __name__ == "__main__":
    import json
    from airflow.models.xcom import XComModel
    dr = dag.test(logical_date=pendulum.datetime(2024, 3, 2, 10, tz="UTC"))
    print("RESULT", json.dumps({"state": str(dr.state), "tasks": {ti.task_id: [str(ti.state), ti.try_number] for ti in dr.get_task_instances()}}))
