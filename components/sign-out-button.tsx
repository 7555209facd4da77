import { signOutAction } from "@/app/sign-in/actions";

export function SignOutButton() {
  return (
    <form action={signOutAction}>
      <button type="submit" className="text-slate-700 hover:text-indigo-700">
        Sign out
      </button>
    </form>
  );
}
