-- AlterTable: existing categories are urgent all year (an empty list) until the seed says more.
ALTER TABLE "Category" ADD COLUMN "urgent_months" INTEGER[] NOT NULL DEFAULT ARRAY[]::INTEGER[];
ALTER TABLE "Category" ALTER COLUMN "urgent_months" DROP DEFAULT;
