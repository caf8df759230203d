-- AlterTable
ALTER TABLE "task_try" ADD COLUMN     "pool" TEXT,
ADD COLUMN     "pool_slots" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "pool" (
    "id" TEXT NOT NULL,
    "organization_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slots" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "pool_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "slot_waiter" (
    "dag_run_id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "environment_id" TEXT NOT NULL,
    "dag_id" TEXT NOT NULL,
    "pool" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "slot_waiter_pkey" PRIMARY KEY ("dag_run_id","task_id")
);

-- CreateIndex
CREATE INDEX "pool_organization_id_idx" ON "pool"("organization_id");

-- CreateIndex
CREATE UNIQUE INDEX "pool_environment_id_name_key" ON "pool"("environment_id", "name");

-- CreateIndex
CREATE INDEX "slot_waiter_environment_id_pool_since_idx" ON "slot_waiter"("environment_id", "pool", "since");

-- CreateIndex
CREATE INDEX "slot_waiter_environment_id_dag_id_since_idx" ON "slot_waiter"("environment_id", "dag_id", "since");

-- CreateIndex
CREATE INDEX "task_try_state_pool_idx" ON "task_try"("state", "pool");

-- AddForeignKey
ALTER TABLE "pool" ADD CONSTRAINT "pool_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pool" ADD CONSTRAINT "pool_environment_id_fkey" FOREIGN KEY ("environment_id") REFERENCES "environment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "slot_waiter" ADD CONSTRAINT "slot_waiter_dag_run_id_fkey" FOREIGN KEY ("dag_run_id") REFERENCES "dag_run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

