import { z } from "zod";

export const signInSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email("Enter an email address such as ada@example.com.")
    .max(320),
  password: z.string().min(1, "Enter your password.").max(256),
  callbackUrl: z.string().max(500).optional(),
});

export const signUpSchema = z.object({
  name: z.string().trim().max(100).optional(),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .email("Enter an email address such as ada@example.com.")
    .max(320),
  password: z.string().min(1, "Choose a password.").max(256),
});

/** Keeps post-sign-in redirects on this site. */
export function safeCallbackUrl(url: string | undefined): string {
  if (!url || !url.startsWith("/") || url.startsWith("//")) return "/drills";
  return url;
}
