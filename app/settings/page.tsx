import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { ReviewSettingsForm } from "@/components/review/review-settings-form";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getReviewSettings } from "@/lib/review/settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/settings");

  const settings = await getReviewSettings(prisma, user.id);

  return (
    <div className="mx-auto max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold">Settings</h1>
      <ReviewSettingsForm initial={settings} />
    </div>
  );
}
