import type { Metadata } from "next";

import { AuthForm } from "@/components/auth-form";

import { signInAction } from "./actions";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string }>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <AuthForm mode="sign-in" action={signInAction} callbackUrl={callbackUrl} />
  );
}
