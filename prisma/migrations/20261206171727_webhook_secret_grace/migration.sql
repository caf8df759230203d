-- AlterTable
ALTER TABLE "webhook" ADD COLUMN     "previous_secret_expires_at" TIMESTAMP(3);

