import Link from "next/link";

/**
 * Renders the 403 page of the mock interview pages, shown to an instructor
 * who opens the report of a learner in none of their classes.
 */
export default function MockForbidden() {
  return (
    <div className="mx-auto max-w-xl space-y-2" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">
        403: this learner is not in your classes
      </h1>
      <p>
        A mock interview report is shown to the learner who took it, to the
        instructors of the classes the learner is in, and to admins. Ask the
        learner to join one of your classes with its join code.
      </p>
      <p className="flex gap-4">
        <Link href="/instructor/mock" className="text-indigo-700">
          Interviews you can review
        </Link>
        <Link href="/mock" className="text-indigo-700">
          Your own interviews
        </Link>
      </p>
    </div>
  );
}
