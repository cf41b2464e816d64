-- CreateEnum
CREATE TYPE "HelpQuestionStatus" AS ENUM ('open', 'answered', 'closed');

-- CreateTable
CREATE TABLE "Article" (
    "id" SERIAL NOT NULL,
    "slug" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "phrasings" TEXT[] NOT NULL,
    "answer" TEXT NOT NULL,
    "tags" TEXT[] NOT NULL,
    "topic" TEXT NOT NULL,
    "needs_contact" BOOLEAN NOT NULL DEFAULT false,
    "sources" JSONB,
    "published" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Article_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HelpQuestion" (
    "id" SERIAL NOT NULL,
    "resident_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "status" "HelpQuestionStatus" NOT NULL DEFAULT 'open',
    "answer" TEXT,
    "answered_by_id" INTEGER,
    "answered_by_token_id" INTEGER,
    "answered_at" TIMESTAMP(3),
    "deadline_at" TIMESTAMP(3) NOT NULL,
    "rating" INTEGER,
    "article_id" INTEGER,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HelpQuestion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Article_slug_key" ON "Article"("slug");

-- CreateIndex
CREATE INDEX "HelpQuestion_status_created_at_idx" ON "HelpQuestion"("status", "created_at");

-- CreateIndex
CREATE INDEX "HelpQuestion_resident_id_idx" ON "HelpQuestion"("resident_id");

-- AddForeignKey
ALTER TABLE "HelpQuestion" ADD CONSTRAINT "HelpQuestion_resident_id_fkey" FOREIGN KEY ("resident_id") REFERENCES "Resident"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HelpQuestion" ADD CONSTRAINT "HelpQuestion_article_id_fkey" FOREIGN KEY ("article_id") REFERENCES "Article"("id") ON DELETE SET NULL ON UPDATE CASCADE;
