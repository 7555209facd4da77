import { signOutAction } from "@/app/sign-in/actions";

export function SignOutButton() {
  async function signOutFromForm() {
    "use server";
    await signOutAction({});
  }

  return (
    <form action={signOutFromForm}>
      <button type="submit" className="text-slate-700 hover:text-indigo-700">
        Sign out
      </button>
    </form>
  );
}
