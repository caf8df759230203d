import pendulum
from airflow.sdk import DAG
from airflow.providers.standard.operators.python import BranchPythonOperator, PythonOperator, ShortCircuitOperator
from airflow.providers.standard.operators.empty import EmptyOperator

with DAG("branching", schedule=None, params={"size": 10}) as dag:
    choose = BranchPythonOperator(task_id="choose_path", python_callable=lambda params: "big_load" if params["size"] > 1000 else "small_load")
    small = PythonOperator(task_id="small_load", python_callable=lambda params: f"loaded {params['size']} rows in one batch")
    big = PythonOperator(task_id="big_load", python_callable=lambda params: f"loaded {params['size']} rows in {-(-params['size']//1000)} batches")
    join = EmptyOperator(task_id="join", trigger_rule="none_failed_min_one_success")
    wk = ShortCircuitOperator(task_id="is_weekday", python_callable=lambda logical_date: logical_date.weekday() < 5)
    rep = PythonOperator(task_id="send_report", python_callable=lambda: "r")
    choose >> [small, big] >> join >> wk >> rep
    sc = ShortCircuitOperator(task_id="sc_direct", python_callable=lambda: [], ignore_downstream_trigger_rules=False)
    n1 = EmptyOperator(task_id="n1")
    n2 = EmptyOperator(task_id="n2", trigger_rule="all_done")
    n3 = EmptyOperator(task_id="n3")
    sc >> n1 >> n2 >> n3

if __name__ == "__main__":
    import json
    dr = dag.test(logical_date=pendulum.datetime(2024, 3, 2, 10, tz="UTC"), run_conf={"size": 5000})
    print("RESULT", json.dumps({"state": str(dr.state), "tasks": {ti.task_id: [str(ti.state), ti.try_number] for ti in dr.get_task_instances()}}))
