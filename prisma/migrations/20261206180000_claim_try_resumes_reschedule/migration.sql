-- A sensor in reschedule mode pokes again with the same try_number (Airflow keeps a try's
-- number across reschedules): its task_try row, left 'up_for_reschedule' by the previous poke,
-- is taken over (new id, cascading to its log chunks; start_date kept, so the try's duration
-- and the sensor's timeout count from its first poke) instead of counting as an earlier
-- execution. Otherwise as 20261206171000_claim_try_function.
CREATE OR REPLACE FUNCTION windsock_claim_try(
  p_try_id text, p_dag_run_id text, p_task_id text, p_try_number int, p_kind text, p_worker text,
  p_started text, p_max_tries int, p_pool text, p_pool_slots int,
  p_organization_id text, p_environment_id text, p_dag_id text, p_max_active_tasks int,
  p_default_pool_slots int, p_default_pool_description text
) RETURNS TABLE (outcome text, pool_total int, pool_used int, dag_used int, waited boolean)
LANGUAGE plpgsql AS $$
DECLARE
  v_total int;
  v_used int;
  v_dag int;
  v_outcome text;
  v_rows int;
  v_waited boolean := false;
  v_resumed boolean := false;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended('pool:' || p_environment_id || ':' || p_pool, 0));
  PERFORM pg_advisory_xact_lock(hashtextextended('dag:' || p_environment_id || ':' || p_dag_id, 0));

  SELECT slots INTO v_total FROM pool WHERE environment_id = p_environment_id AND name = p_pool;
  IF v_total IS NULL AND p_pool = 'default_pool' THEN
    -- Every environment has a default_pool; its row is written on first use (or first edit).
    INSERT INTO pool (id, organization_id, environment_id, name, slots, description, updated_at)
    VALUES (gen_random_uuid()::text, p_organization_id, p_environment_id, p_pool, p_default_pool_slots, p_default_pool_description, now())
    ON CONFLICT (environment_id, name) DO NOTHING;
    SELECT slots INTO v_total FROM pool WHERE environment_id = p_environment_id AND name = p_pool;
  END IF;

  SELECT COALESCE(SUM(t.pool_slots), 0)::int INTO v_used
  FROM task_try t JOIN dag_run r ON r.id = t.dag_run_id
  WHERE t.state = 'running' AND t.pool = p_pool AND r.environment_id = p_environment_id;
  SELECT COUNT(*)::int INTO v_dag
  FROM task_try t JOIN dag_run r ON r.id = t.dag_run_id
  WHERE t.state = 'running' AND r.environment_id = p_environment_id AND r.dag_id = p_dag_id;

  -- Negative slots: no limit (Airflow 2's -1).
  v_outcome := CASE
    WHEN v_total IS NULL THEN 'no_pool'
    WHEN v_total >= 0 AND p_pool_slots > v_total THEN 'too_big'
    WHEN v_total >= 0 AND v_used + p_pool_slots > v_total THEN 'pool_full'
    WHEN v_dag >= p_max_active_tasks THEN 'dag_full'
    ELSE 'claimed'
  END;

  IF v_outcome = 'claimed' THEN
    INSERT INTO task_try (id, dag_run_id, task_id, try_number, state, activity_kind, worker, queued_at, start_date, pool, pool_slots)
    VALUES (p_try_id, p_dag_run_id, p_task_id, p_try_number, 'running', p_kind, p_worker, p_started::timestamp(3), p_started::timestamp(3), p_pool, p_pool_slots)
    ON CONFLICT (dag_run_id, task_id, try_number) DO UPDATE
      SET id = p_try_id, state = 'running', activity_kind = p_kind, worker = p_worker, end_date = NULL, error = NULL,
          pool = p_pool, pool_slots = p_pool_slots
      WHERE task_try.state = 'up_for_reschedule'
    RETURNING (xmax <> 0) INTO v_resumed;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    IF v_rows = 0 THEN
      v_outcome := 'earlier';
    ELSE
      IF v_resumed THEN
        v_outcome := 'resumed';
      END IF;
      UPDATE task_instance SET state = 'running', try_number = p_try_number, max_tries = p_max_tries,
        start_date = CASE WHEN v_resumed AND start_date IS NOT NULL THEN start_date ELSE p_started::timestamp(3) END,
        end_date = NULL, next_try_at = NULL, reason = NULL, updated_at = p_started::timestamp(3)
      WHERE dag_run_id = p_dag_run_id AND task_id = p_task_id;
    END IF;
    DELETE FROM slot_waiter WHERE dag_run_id = p_dag_run_id AND task_id = p_task_id;
    GET DIAGNOSTICS v_rows = ROW_COUNT;
    v_waited := v_rows > 0;
  ELSE
    INSERT INTO slot_waiter (dag_run_id, task_id, environment_id, dag_id, pool, since)
    VALUES (p_dag_run_id, p_task_id, p_environment_id, p_dag_id, p_pool, now())
    ON CONFLICT (dag_run_id, task_id) DO UPDATE SET pool = EXCLUDED.pool;
  END IF;

  RETURN QUERY SELECT v_outcome, v_total, v_used, v_dag, v_waited;
END
$$;
