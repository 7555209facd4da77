import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";

import { LabWorkbench } from "@/components/labs/lab-workbench";
import { Markdown } from "@/components/markdown";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";

import { getLabPage, listOwnLabRuns, pickInitialRun } from "../lab-pages";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { slug } = await params;
  const lab = await prisma.lab.findFirst({
    where: { slug, published: true },
    select: { title: true },
  });
  return { title: lab?.title ?? "Lab" };
}

export default async function LabPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ run?: string | string[] }>;
}) {
  const { slug } = await params;
  const { run } = await searchParams;
  const user = await getSessionUser();
  if (!user) {
    redirect(`/sign-in?callbackUrl=/labs/${encodeURIComponent(slug)}`);
  }

  const lab = await getLabPage(prisma, slug);
  if (!lab) notFound();

  const runs = await listOwnLabRuns(prisma, user.id, slug);
  const requested = typeof run === "string" ? run : undefined;
  const initial = await pickInitialRun(prisma, user.id, slug, runs, requested);
  const questions = lab.questions.filter((question) => question.kind === "lab");

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">
          <Link href="/labs" className="hover:underline">
            Labs
          </Link>{" "}
          · Drill {lab.drill.number}:{" "}
          <Link href={`/drills/${lab.drill.slug}`} className="hover:underline">
            {lab.drill.title}
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">{lab.title}</h1>
        <p className="text-slate-700">{lab.summary}</p>
        <div className="rounded border border-slate-200 bg-white p-4">
          <Markdown>{lab.intro}</Markdown>
        </div>
      </header>
      <LabWorkbench
        lab={lab.slug}
        fields={lab.parameters}
        charts={lab.charts}
        questions={questions}
        runs={runs}
        initialRun={initial.selected}
        initialActiveRunId={initial.activeRunId}
      />
    </article>
  );
}
