-- AlterTable
ALTER TABLE "DevMailboxMessage" ADD COLUMN     "attachments" JSONB NOT NULL DEFAULT '[]';
