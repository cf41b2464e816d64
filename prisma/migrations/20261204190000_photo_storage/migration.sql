-- AlterTable
ALTER TABLE "ReportPhoto" ADD COLUMN     "source_url" TEXT,
ADD COLUMN     "storage_key" TEXT,
ADD COLUMN     "content_type" TEXT;
