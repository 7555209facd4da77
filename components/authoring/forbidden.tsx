import Link from "next/link";

/** Renders the 403 page of the instructors' tools for accounts without the instructor role. */
export function AuthorForbidden({ what = "Authoring" }: { what?: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-2" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">403: instructors only</h1>
      <p>
        {what} changes what every learner sees, so only instructors and admins
        can open it. Your account is a learner account.{" "}
        <Link href="/drills" className="text-indigo-700">
          Back to the drills
        </Link>
        .
      </p>
    </div>
  );
}
