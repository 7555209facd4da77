import type { Metadata } from "next";
import Link from "next/link";

import { SignOutButton } from "@/components/sign-out-button";
import { getSessionUser } from "@/lib/auth/session";

import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Drillbook", template: "%s · Drillbook" },
  description:
    "Practise machine-learning system-design interviews: drills, flashcards, mock interviews and live labs.",
};

const links = [
  { href: "/drills", label: "Drills" },
  { href: "/review", label: "Review" },
  { href: "/cards", label: "Cards" },
  { href: "/labs", label: "Labs" },
  { href: "/mock", label: "Mock interview" },
  { href: "/progress", label: "Progress" },
  { href: "/attempts", label: "My attempts" },
  { href: "/settings", label: "Settings" },
  { href: "/account", label: "Account" },
];

export default async function RootLayout({
  children,
}: {
  children: React.ReactNode;
}) {
  const user = await getSessionUser();
  const isInstructor = user?.role === "INSTRUCTOR" || user?.role === "ADMIN";

  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900">
        <header className="border-b border-slate-200 bg-white">
          <nav
            aria-label="Main"
            className="mx-auto flex max-w-5xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3"
          >
            <Link
              href="/"
              className="mr-2 text-lg font-semibold text-indigo-700"
            >
              Drillbook
            </Link>
            {user &&
              links.map((link) => (
                <Link
                  key={link.href}
                  href={link.href}
                  className="text-sm text-slate-700 hover:text-indigo-700"
                >
                  {link.label}
                </Link>
              ))}
            {isInstructor && (
              <Link
                href="/author"
                className="text-sm text-slate-700 hover:text-indigo-700"
              >
                Authoring
              </Link>
            )}
            <span className="ml-auto flex items-center gap-3 text-sm">
              {user ? (
                <>
                  <span className="text-slate-500" data-testid="signed-in-as">
                    {user.email}
                  </span>
                  <SignOutButton />
                </>
              ) : (
                <>
                  <Link href="/sign-in" className="hover:text-indigo-700">
                    Sign in
                  </Link>
                  <Link
                    href="/sign-up"
                    className="rounded bg-indigo-600 px-3 py-1 text-white hover:bg-indigo-700"
                  >
                    Sign up
                  </Link>
                </>
              )}
            </span>
          </nav>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
