-- AlterTable
ALTER TABLE "audit_event" ADD COLUMN     "chain_key" TEXT,
ADD COLUMN     "hash" TEXT,
ADD COLUMN     "prev_hash" TEXT,
ADD COLUMN     "seq" INTEGER;

-- CreateTable
CREATE TABLE "audit_chain_head" (
    "chain_key" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "audit_chain_head_pkey" PRIMARY KEY ("chain_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_chain_key_seq_key" ON "audit_event"("chain_key", "seq");

