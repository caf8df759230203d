-- CreateTable
CREATE TABLE "api_token" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "workspace_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),
    "last_used_at" TIMESTAMP(3),
    "last_used_ip" TEXT,

    CONSTRAINT "api_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invitation" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "group_ids" TEXT[],
    "token_hash" TEXT NOT NULL,
    "invited_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "accepted_at" TIMESTAMP(3),
    "revoked_at" TIMESTAMP(3),

    CONSTRAINT "invitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "connection" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "connection_id" TEXT NOT NULL,
    "conn_type" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "fields" JSONB NOT NULL DEFAULT '{}',
    "secrets_set" TEXT[],
    "sealed_secrets" TEXT,
    "key_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variable" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "is_secret" BOOLEAN NOT NULL,
    "value" TEXT,
    "sealed_value" TEXT,
    "key_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "variable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dag" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "dag_id" TEXT NOT NULL,
    "is_paused" BOOLEAN NOT NULL,
    "current_version_id" TEXT,
    "description" TEXT,
    "tags" TEXT[],
    "schedule_summary" TEXT,
    "next_dagrun_create_after" TIMESTAMP(3),
    "next_dagrun_logical_date" TIMESTAMP(3),
    "next_dagrun_data_interval_start" TIMESTAMP(3),
    "next_dagrun_data_interval_end" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dag_version" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "dag_id" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "spec_hash" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "raw_file" TEXT NOT NULL,
    "file_format" TEXT NOT NULL,
    "created_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dag_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dag_run" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "dag_id" TEXT NOT NULL,
    "run_id" TEXT NOT NULL,
    "dag_version_id" TEXT NOT NULL,
    "run_type" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "logical_date" TIMESTAMP(3),
    "data_interval_start" TIMESTAMP(3),
    "data_interval_end" TIMESTAMP(3),
    "run_after" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "conf" JSONB NOT NULL DEFAULT '{}',
    "triggered_by" TEXT,
    "queued_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "start_date" TIMESTAMP(3),
    "end_date" TIMESTAMP(3),
    "workflow_started_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "dag_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_instance" (
    "id" TEXT NOT NULL,
    "dag_run_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "operator" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'none',
    "try_number" INTEGER NOT NULL DEFAULT 0,
    "max_tries" INTEGER NOT NULL DEFAULT 0,
    "start_date" TIMESTAMP(3),
    "end_date" TIMESTAMP(3),
    "next_try_at" TIMESTAMP(3),
    "reason" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "task_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_try" (
    "id" TEXT NOT NULL,
    "dag_run_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "try_number" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "activity_kind" TEXT NOT NULL,
    "worker" TEXT,
    "queued_at" TIMESTAMP(3),
    "start_date" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "end_date" TIMESTAMP(3),
    "error" TEXT,
    "rendered_fields" JSONB,
    "log_bytes" INTEGER NOT NULL DEFAULT 0,
    "log_truncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "task_try_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_log_chunk" (
    "try_id" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_log_chunk_pkey" PRIMARY KEY ("try_id","seq")
);

-- CreateTable
CREATE TABLE "xcom" (
    "dag_run_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "xcom_pkey" PRIMARY KEY ("dag_run_id","task_id","key")
);

-- CreateIndex
CREATE UNIQUE INDEX "api_token_token_hash_key" ON "api_token"("token_hash");

-- CreateIndex
CREATE INDEX "api_token_environment_id_idx" ON "api_token"("environment_id");

-- CreateIndex
CREATE INDEX "api_token_organization_id_idx" ON "api_token"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "invitation_token_hash_key" ON "invitation"("token_hash");

-- CreateIndex
CREATE INDEX "invitation_organization_id_idx" ON "invitation"("organization_id");

-- CreateIndex
CREATE INDEX "connection_organization_id_idx" ON "connection"("organization_id");

-- CreateIndex
CREATE INDEX "connection_key_id_idx" ON "connection"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "connection_environment_id_connection_id_key" ON "connection"("environment_id", "connection_id");

-- CreateIndex
CREATE INDEX "variable_organization_id_idx" ON "variable"("organization_id");

-- CreateIndex
CREATE INDEX "variable_key_id_idx" ON "variable"("key_id");

-- CreateIndex
CREATE UNIQUE INDEX "variable_environment_id_key_key" ON "variable"("environment_id", "key");

-- CreateIndex
CREATE INDEX "dag_organization_id_idx" ON "dag"("organization_id");

-- CreateIndex
CREATE INDEX "dag_is_paused_next_dagrun_create_after_idx" ON "dag"("is_paused", "next_dagrun_create_after");

-- CreateIndex
CREATE UNIQUE INDEX "dag_environment_id_dag_id_key" ON "dag"("environment_id", "dag_id");

-- CreateIndex
CREATE INDEX "dag_version_organization_id_idx" ON "dag_version"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "dag_version_environment_id_dag_id_spec_hash_key" ON "dag_version"("environment_id", "dag_id", "spec_hash");

-- CreateIndex
CREATE UNIQUE INDEX "dag_version_environment_id_dag_id_version_number_key" ON "dag_version"("environment_id", "dag_id", "version_number");

-- CreateIndex
CREATE INDEX "dag_run_environment_id_dag_id_logical_date_idx" ON "dag_run"("environment_id", "dag_id", "logical_date");

-- CreateIndex
CREATE INDEX "dag_run_organization_id_idx" ON "dag_run"("organization_id");

-- CreateIndex
CREATE INDEX "dag_run_state_workflow_started_at_idx" ON "dag_run"("state", "workflow_started_at");

-- CreateIndex
CREATE UNIQUE INDEX "dag_run_environment_id_dag_id_run_id_key" ON "dag_run"("environment_id", "dag_id", "run_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_instance_dag_run_id_task_id_key" ON "task_instance"("dag_run_id", "task_id");

-- CreateIndex
CREATE UNIQUE INDEX "task_try_dag_run_id_task_id_try_number_key" ON "task_try"("dag_run_id", "task_id", "try_number");

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connection" ADD CONSTRAINT "connection_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "connection" ADD CONSTRAINT "connection_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variable" ADD CONSTRAINT "variable_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "variable" ADD CONSTRAINT "variable_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag" ADD CONSTRAINT "dag_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag" ADD CONSTRAINT "dag_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag_version" ADD CONSTRAINT "dag_version_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag_version" ADD CONSTRAINT "dag_version_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag_run" ADD CONSTRAINT "dag_run_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag_run" ADD CONSTRAINT "dag_run_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dag_run" ADD CONSTRAINT "dag_run_dag_version_id_fkey" FOREIGN KEY ("dag_version_id") REFERENCES "dag_version"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_instance" ADD CONSTRAINT "task_instance_dag_run_id_fkey" FOREIGN KEY ("dag_run_id") REFERENCES "dag_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_try" ADD CONSTRAINT "task_try_dag_run_id_fkey" FOREIGN KEY ("dag_run_id") REFERENCES "dag_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_log_chunk" ADD CONSTRAINT "task_log_chunk_try_id_fkey" FOREIGN KEY ("try_id") REFERENCES "task_try"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "xcom" ADD CONSTRAINT "xcom_dag_run_id_fkey" FOREIGN KEY ("dag_run_id") REFERENCES "dag_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

