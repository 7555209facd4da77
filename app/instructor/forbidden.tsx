import Link from "next/link";

/**
 * Renders the 403 page of the instructor pages: for an account without the
 * instructor role, or an instructor opening the interview of a learner who
 * is in none of their classes.
 */
export default function InstructorForbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-2" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">
        403: not allowed for your account
      </h1>
      <p>
        Reviewing mock interviews is for instructors only, and each instructor
        reviews only the learners in the classes they own. If this learner is
        not in your classes, ask them to join one with its join code. If your
        account needs the instructor role, ask an admin.
      </p>
      <p className="flex gap-4">
        <Link href="/author/cohorts" className="text-indigo-700">
          Your classes
        </Link>
        <Link href="/drills" className="text-indigo-700">
          Back to the drills
        </Link>
      </p>
    </div>
  );
}
