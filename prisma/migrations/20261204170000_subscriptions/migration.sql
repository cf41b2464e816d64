-- CreateTable
CREATE TABLE "ReportSubscription" (
    "report_id" INTEGER NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportSubscription_pkey" PRIMARY KEY ("report_id","resident_id")
);

-- CreateIndex
CREATE INDEX "ReportSubscription_resident_id_idx" ON "ReportSubscription"("resident_id");

-- AddForeignKey
ALTER TABLE "ReportSubscription" ADD CONSTRAINT "ReportSubscription_report_id_fkey" FOREIGN KEY ("report_id") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportSubscription" ADD CONSTRAINT "ReportSubscription_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;
