-- AlterTable
ALTER TABLE "Report" ADD COLUMN     "deadline_at" TIMESTAMP(3),
ADD COLUMN     "office_id" INTEGER,
ADD COLUMN     "routed_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReportEvent" (
    "id" SERIAL NOT NULL,
    "report_id" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "from_status" "ReportStatus",
    "to_status" "ReportStatus" NOT NULL,
    "actor_kind" TEXT NOT NULL,
    "actor_id" INTEGER,
    "text" TEXT,
    "data" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxJob" (
    "id" SERIAL NOT NULL,
    "queue" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "relayed_at" TIMESTAMP(3),

    CONSTRAINT "OutboxJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Report_office_id_status_idx" ON "Report"("office_id", "status");

-- CreateIndex
CREATE INDEX "ReportEvent_report_id_created_at_idx" ON "ReportEvent"("report_id", "created_at");

-- CreateIndex
CREATE INDEX "OutboxJob_relayed_at_id_idx" ON "OutboxJob"("relayed_at", "id");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_office_id_fkey" FOREIGN KEY ("office_id") REFERENCES "Office"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportEvent" ADD CONSTRAINT "ReportEvent_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;
