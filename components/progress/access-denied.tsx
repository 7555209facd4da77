import Link from "next/link";

/** The 403 message of a page the signed-in user's role does not allow. */
export function AccessDenied({ what, why }: { what: string; why: string }) {
  return (
    <div className="mx-auto max-w-xl space-y-2" data-testid="forbidden">
      <h1 className="text-2xl font-semibold">403: {what}</h1>
      <p>{why}</p>
      <p>
        <Link href="/progress" className="text-indigo-700">
          Open your own progress
        </Link>
      </p>
    </div>
  );
}
