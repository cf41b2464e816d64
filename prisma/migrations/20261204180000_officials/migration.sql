-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('official', 'head', 'dispatcher', 'moderator', 'admin');

-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "flagged" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "reopen_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "resolved_at" TIMESTAMP(3),
ADD COLUMN     "closed_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Delivery" ADD COLUMN     "office_id" INTEGER;

-- CreateTable
CREATE TABLE "Official" (
    "id" SERIAL NOT NULL,
    "channel" "Channel" NOT NULL,
    "platform_user_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "office_id" INTEGER,
    "unreachable_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Official_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkCode" (
    "id" SERIAL NOT NULL,
    "code_hash" TEXT NOT NULL,
    "role" "StaffRole" NOT NULL,
    "office_id" INTEGER,
    "issued_by_id" INTEGER,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "used_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkCode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OfficeChat" (
    "id" SERIAL NOT NULL,
    "office_id" INTEGER NOT NULL,
    "channel" "Channel" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OfficeChat_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Official_office_id_idx" ON "Official"("office_id");

-- CreateIndex
CREATE UNIQUE INDEX "Official_channel_platform_user_id_key" ON "Official"("channel", "platform_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "LinkCode_code_hash_key" ON "LinkCode"("code_hash");

-- CreateIndex
CREATE INDEX "OfficeChat_office_id_idx" ON "OfficeChat"("office_id");

-- CreateIndex
CREATE UNIQUE INDEX "OfficeChat_channel_chat_id_key" ON "OfficeChat"("channel", "chat_id");

-- CreateIndex
CREATE INDEX "Report_status_deadline_at_idx" ON "Report"("status", "deadline_at");

-- AddForeignKey
ALTER TABLE "Official" ADD CONSTRAINT "Official_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkCode" ADD CONSTRAINT "LinkCode_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LinkCode" ADD CONSTRAINT "LinkCode_issued_by_id_fkey" FOREIGN KEY ("issued_by_id") REFERENCES "Official"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OfficeChat" ADD CONSTRAINT "OfficeChat_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE CASCADE ON UPDATE CASCADE;
