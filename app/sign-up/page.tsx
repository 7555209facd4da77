import type { Metadata } from "next";

import { AuthForm } from "@/components/auth-form";

import { signUpAction } from "../sign-in/actions";

export const metadata: Metadata = { title: "Sign up" };

export default function SignUpPage() {
  return <AuthForm mode="sign-up" action={signUpAction} />;
}
