import type { Metadata } from "next";
import { redirect } from "next/navigation";

import { getSessionUser } from "@/lib/auth/session";

import { DeleteAccountForm } from "./delete-account-form";

export const metadata: Metadata = { title: "Your account" };

export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in?callbackUrl=/account");

  return (
    <div className="mx-auto max-w-xl space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <section className="space-y-2 rounded border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">Export my data</h2>
        <p className="text-sm text-slate-700">
          Download everything Drillbook stores about you as one JSON file: your
          profile and settings, attempts, flashcard states and reviews, lab
          runs, mock interviews and class memberships.
        </p>
        <a
          href="/account/export"
          download
          className="inline-block rounded bg-indigo-600 px-3 py-1.5 text-sm text-white hover:bg-indigo-700"
        >
          Download my data (JSON)
        </a>
      </section>
      <DeleteAccountForm email={user.email} />
    </div>
  );
}
