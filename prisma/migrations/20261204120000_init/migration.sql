-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('telegram', 'vk', 'console');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('new', 'routed', 'in_progress', 'answered', 'resolved', 'closed', 'rejected', 'redirected', 'reopened', 'duplicate');

-- CreateEnum
CREATE TYPE "OfficeKind" AS ENUM ('city', 'district', 'dispatcher');

-- CreateTable
CREATE TABLE "District" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "boundary" JSONB NOT NULL,
    "approximate" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "District_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Office" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "OfficeKind" NOT NULL,
    "district_id" INTEGER,

    CONSTRAINT "Office_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL DEFAULT 0,
    "deadline_days" INTEGER NOT NULL DEFAULT 8,
    "urgent" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CategoryRoute" (
    "id" SERIAL NOT NULL,
    "category_id" INTEGER NOT NULL,
    "district_id" INTEGER,
    "office_id" INTEGER NOT NULL,

    CONSTRAINT "CategoryRoute_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resident" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "consent_at" TIMESTAMP(3) NOT NULL,
    "consent_version" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Resident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "channel" "Channel" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "state" JSONB NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("channel","chat_id")
);

-- CreateTable
CREATE TABLE "InboundUpdate" (
    "channel" "Channel" NOT NULL,
    "update_id" TEXT NOT NULL,
    "sequence" SERIAL NOT NULL,
    "chat_key" TEXT NOT NULL,
    "payload" JSONB,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "InboundUpdate_pkey" PRIMARY KEY ("channel","update_id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "number" SERIAL NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'new',
    "category_id" INTEGER NOT NULL,
    "suggested_category" TEXT,
    "suggested_score" DOUBLE PRECISION,
    "description" TEXT NOT NULL,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "address" TEXT,
    "district_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportPhoto" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "file_id" TEXT NOT NULL,
    "file_unique_id" TEXT,
    "width" INTEGER,
    "height" INTEGER,
    "file_size" INTEGER,

    CONSTRAINT "ReportPhoto_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "District_code_key" ON "District"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Office_code_key" ON "Office"("code");

-- CreateIndex
CREATE INDEX "Office_district_id_idx" ON "Office"("district_id");

-- CreateIndex
CREATE UNIQUE INDEX "Category_code_key" ON "Category"("code");

-- CreateIndex
CREATE INDEX "CategoryRoute_office_id_idx" ON "CategoryRoute"("office_id");

-- CreateIndex
CREATE UNIQUE INDEX "CategoryRoute_category_id_district_id_key" ON "CategoryRoute"("category_id", "district_id");

-- CreateIndex
CREATE UNIQUE INDEX "Resident_channel_platform_user_id_key" ON "Resident"("channel", "platform_user_id");

-- CreateIndex
CREATE INDEX "InboundUpdate_processed_at_sequence_idx" ON "InboundUpdate"("processed_at", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "Report_number_key" ON "Report"("number");

-- CreateIndex
CREATE INDEX "Report_resident_id_created_at_idx" ON "Report"("resident_id", "created_at");

-- CreateIndex
CREATE INDEX "Report_status_idx" ON "Report"("status");

-- CreateIndex
CREATE INDEX "Report_district_id_idx" ON "Report"("district_id");

-- CreateIndex
CREATE INDEX "Report_category_id_idx" ON "Report"("category_id");

-- CreateIndex
CREATE UNIQUE INDEX "ReportPhoto_report_id_position_key" ON "ReportPhoto"("report_id", "position");

-- AddForeignKey
ALTER TABLE "Office" ADD CONSTRAINT "Office_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryRoute" ADD CONSTRAINT "CategoryRoute_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryRoute" ADD CONSTRAINT "CategoryRoute_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryRoute" ADD CONSTRAINT "CategoryRoute_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_category_id_fkey" FOREIGN KEY ("category_id") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportPhoto" ADD CONSTRAINT "ReportPhoto_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
