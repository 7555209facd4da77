import Link from "next/link";

import { getSessionUser } from "@/lib/auth/session";

export default async function HomePage() {
  const user = await getSessionUser();

  return (
    <div className="space-y-6">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold">
          Prepare for ML system-design interviews
        </h1>
        <p className="max-w-2xl text-slate-700">
          Drillbook turns the chapter &ldquo;Model Development: Selection and
          Training&rdquo; into drills graded against E5 and E6 rubrics,
          flashcards on a spaced-repetition schedule, timed mock interviews, and
          labs that train the chapter&apos;s models on the server so every
          answer about a metric is checked against a metric computed for you.
        </p>
        <div className="flex gap-3">
          {user ? (
            <Link
              href="/drills"
              className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700"
            >
              Go to the drills
            </Link>
          ) : (
            <>
              <Link
                href="/sign-up"
                className="rounded bg-indigo-600 px-4 py-2 text-white hover:bg-indigo-700"
              >
                Create an account
              </Link>
              <Link
                href="/sign-in"
                className="rounded border border-slate-300 px-4 py-2 hover:bg-white"
              >
                Sign in
              </Link>
            </>
          )}
        </div>
      </section>
    </div>
  );
}
