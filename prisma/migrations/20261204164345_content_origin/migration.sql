-- AlterTable
ALTER TABLE "Drill" ADD COLUMN     "fromFiles" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Flashcard" ADD COLUMN     "fromFiles" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Question" ADD COLUMN     "fromFiles" BOOLEAN NOT NULL DEFAULT false;
