-- CreateIndex
CREATE INDEX "Report_created_at_id_idx" ON "Report"("created_at", "id");

-- CreateIndex
CREATE INDEX "Report_district_id_status_idx" ON "Report"("district_id", "status");
