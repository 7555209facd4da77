import Link from "next/link";

/** Renders the 403 page for a page the account's role or ownership does not allow. */
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-2" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">
        403: not allowed for your account
      </h1>
      <p>
        This page is for instructors only, or for the account whose data it
        shows. If you need it, ask an admin to give your account the instructor
        role.
      </p>
      <p>
        <Link href="/drills" className="text-indigo-700">
          Back to the drills
        </Link>
      </p>
    </div>
  );
}
