-- DropIndex
DROP INDEX "ReviewLog_userId_review_idx";

-- CreateIndex
CREATE INDEX "ReviewLog_userId_review_state_elapsedDays_rating_undone_idx" ON "ReviewLog"("userId", "review", "state", "elapsedDays", "rating", "undone");
