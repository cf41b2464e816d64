-- Volunteering, public hearings, officials' reports, topic subscriptions and broadcasts.

-- AlterEnum
ALTER TYPE "StaffRole" ADD VALUE 'organiser';

-- CreateEnum
CREATE TYPE "VolunteerEventStatus" AS ENUM ('open', 'cancelled');

-- CreateEnum
CREATE TYPE "SignupStatus" AS ENUM ('going', 'cancelled');

-- CreateEnum
CREATE TYPE "HearingStatus" AS ENUM ('announced', 'concluded', 'cancelled');

-- CreateEnum
CREATE TYPE "Topic" AS ENUM ('hearings', 'official_reports', 'volunteering', 'district_news');

-- CreateEnum
CREATE TYPE "BroadcastStatus" AS ENUM ('sending', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "BroadcastSendStatus" AS ENUM ('pending', 'sending', 'sent', 'unreachable', 'failed', 'uncertain');

-- CreateTable
CREATE TABLE "ResidentIdentity" (
    "resident_id" INTEGER NOT NULL,
    "full_name" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "phone_from_contact" BOOLEAN NOT NULL DEFAULT false,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ResidentIdentity_pkey" PRIMARY KEY ("resident_id")
);

-- CreateTable
CREATE TABLE "VolunteerEvent" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "address" TEXT,
    "latitude" DOUBLE PRECISION,
    "longitude" DOUBLE PRECISION,
    "district_id" INTEGER,
    "starts_at" TIMESTAMP(3) NOT NULL,
    "ends_at" TIMESTAMP(3) NOT NULL,
    "seats" INTEGER NOT NULL,
    "skills" TEXT[] NOT NULL,
    "status" "VolunteerEventStatus" NOT NULL DEFAULT 'open',
    "created_by_token_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VolunteerSignup" (
    "id" SERIAL NOT NULL,
    "event_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "status" "SignupStatus" NOT NULL DEFAULT 'going',
    "day_reminder_at" TIMESTAMP(3),
    "soon_reminder_at" TIMESTAMP(3),
    "attended" BOOLEAN,
    "hours" DOUBLE PRECISION,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VolunteerSignup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Hearing" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "materials_url" TEXT,
    "district_id" INTEGER,
    "comments_from" TIMESTAMP(3) NOT NULL,
    "comments_until" TIMESTAMP(3) NOT NULL,
    "status" "HearingStatus" NOT NULL DEFAULT 'announced',
    "outcome" TEXT,
    "outcome_url" TEXT,
    "concluded_at" TIMESTAMP(3),
    "comment_count" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Hearing_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HearingComment" (
    "id" SERIAL NOT NULL,
    "hearing_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "full_name" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "phone" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HearingComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialReport" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "video_url" TEXT,
    "document_url" TEXT,
    "office_id" INTEGER,
    "author_official_id" INTEGER,
    "author_token_id" INTEGER,
    "published_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficialReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialReportQuestion" (
    "id" SERIAL NOT NULL,
    "official_report_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "answer" TEXT,
    "answered_by_id" INTEGER,
    "answered_by_token_id" INTEGER,
    "answered_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficialReportQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficialReportRating" (
    "official_report_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "rating" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OfficialReportRating_pkey" PRIMARY KEY ("official_report_id","resident_id")
);

-- CreateTable
CREATE TABLE "TopicSubscription" (
    "resident_id" INTEGER NOT NULL,
    "topic" "Topic" NOT NULL,
    "district_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TopicSubscription_pkey" PRIMARY KEY ("resident_id","topic")
);

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "topic" "Topic" NOT NULL,
    "district_id" INTEGER,
    "title" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "status" "BroadcastStatus" NOT NULL DEFAULT 'sending',
    "total" INTEGER NOT NULL DEFAULT 0,
    "created_by_token_id" INTEGER,
    "created_by_official_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastRecipient" (
    "broadcast_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "status" "BroadcastSendStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "BroadcastRecipient_pkey" PRIMARY KEY ("broadcast_id","resident_id")
);

-- CreateIndex
CREATE INDEX "VolunteerEvent_starts_at_idx" ON "VolunteerEvent"("starts_at");

-- CreateIndex
CREATE INDEX "VolunteerSignup_resident_id_idx" ON "VolunteerSignup"("resident_id");

-- CreateIndex
CREATE INDEX "VolunteerSignup_status_event_id_idx" ON "VolunteerSignup"("status", "event_id");

-- CreateIndex
CREATE UNIQUE INDEX "VolunteerSignup_event_id_resident_id_key" ON "VolunteerSignup"("event_id", "resident_id");

-- CreateIndex
CREATE INDEX "Hearing_comments_until_idx" ON "Hearing"("comments_until");

-- CreateIndex
CREATE INDEX "HearingComment_resident_id_idx" ON "HearingComment"("resident_id");

-- CreateIndex
CREATE UNIQUE INDEX "HearingComment_hearing_id_number_key" ON "HearingComment"("hearing_id", "number");

-- CreateIndex
CREATE INDEX "OfficialReport_published_at_idx" ON "OfficialReport"("published_at");

-- CreateIndex
CREATE INDEX "OfficialReportQuestion_official_report_id_created_at_idx" ON "OfficialReportQuestion"("official_report_id", "created_at");

-- CreateIndex
CREATE INDEX "OfficialReportQuestion_answered_at_created_at_idx" ON "OfficialReportQuestion"("answered_at", "created_at");

-- CreateIndex
CREATE INDEX "TopicSubscription_topic_district_id_idx" ON "TopicSubscription"("topic", "district_id");

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_key_key" ON "Broadcast"("key");

-- CreateIndex
CREATE INDEX "Broadcast_created_at_idx" ON "Broadcast"("created_at");

-- CreateIndex
CREATE INDEX "BroadcastRecipient_broadcast_id_status_idx" ON "BroadcastRecipient"("broadcast_id", "status");

-- AddForeignKey
ALTER TABLE "ResidentIdentity" ADD CONSTRAINT "ResidentIdentity_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerEvent" ADD CONSTRAINT "VolunteerEvent_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerSignup" ADD CONSTRAINT "VolunteerSignup_event_id_fkey" FOREIGN KEY ("event_id") REFERENCES "VolunteerEvent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VolunteerSignup" ADD CONSTRAINT "VolunteerSignup_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Hearing" ADD CONSTRAINT "Hearing_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HearingComment" ADD CONSTRAINT "HearingComment_hearing_id_fkey" FOREIGN KEY ("hearing_id") REFERENCES "Hearing"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HearingComment" ADD CONSTRAINT "HearingComment_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialReport" ADD CONSTRAINT "OfficialReport_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialReportQuestion" ADD CONSTRAINT "OfficialReportQuestion_official_report_id_fkey" FOREIGN KEY ("official_report_id") REFERENCES "OfficialReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialReportQuestion" ADD CONSTRAINT "OfficialReportQuestion_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialReportRating" ADD CONSTRAINT "OfficialReportRating_official_report_id_fkey" FOREIGN KEY ("official_report_id") REFERENCES "OfficialReport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficialReportRating" ADD CONSTRAINT "OfficialReportRating_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicSubscription" ADD CONSTRAINT "TopicSubscription_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TopicSubscription" ADD CONSTRAINT "TopicSubscription_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Broadcast" ADD CONSTRAINT "Broadcast_district_id_fkey" FOREIGN KEY ("district_id") REFERENCES "District"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_broadcast_id_fkey" FOREIGN KEY ("broadcast_id") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BroadcastRecipient" ADD CONSTRAINT "BroadcastRecipient_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
