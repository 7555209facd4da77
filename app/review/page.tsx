import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";

import { ReviewSession } from "@/components/review/review-session";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getQueueSnapshot } from "@/lib/review/snapshot";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/review");

  const snapshot = await getQueueSnapshot(prisma, user.id, new Date());

  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Review</h1>
        <nav aria-label="Flashcards" className="flex gap-3 text-sm">
          <Link href="/cards" className="text-indigo-700">
            Browse cards
          </Link>
          <Link href="/settings" className="text-indigo-700">
            Review settings
          </Link>
        </nav>
      </header>
      <ReviewSession initial={snapshot} />
    </div>
  );
}
