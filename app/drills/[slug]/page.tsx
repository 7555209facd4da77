import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";

import { Markdown } from "@/components/markdown";
import { LabRunsProvider } from "@/components/questions/lab-runs-context";
import { QuestionCard } from "@/components/questions/question-card";
import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { getDrillForLearner } from "@/lib/practice/queries";

export async function generateMetadata({
  params,
}: {
  params: Promise<{ slug: string }>;
}): Promise<Metadata> {
  const { slug } = await params;
  const drill = await prisma.drill.findFirst({
    where: { slug, published: true },
    select: { title: true },
  });
  return { title: drill?.title ?? "Drill" };
}

export default async function DrillPage({
  params,
}: {
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const user = await getSessionUser();
  if (!user)
    redirect(`/sign-in?callbackUrl=/drills/${encodeURIComponent(slug)}`);

  const drill = await getDrillForLearner(prisma, slug);
  if (!drill) notFound();

  return (
    <article className="space-y-6">
      <header className="space-y-2">
        <p className="text-sm text-slate-500">Drill {drill.number}</p>
        <h1 className="text-2xl font-semibold">{drill.title}</h1>
        <div className="rounded border border-slate-200 bg-white p-4">
          <Markdown>{drill.prompt}</Markdown>
        </div>
      </header>
      <LabRunsProvider>
        <ol className="space-y-4">
          {drill.questions.map((question, index) => (
            <li key={question.id}>
              <QuestionCard question={question} number={index + 1} />
            </li>
          ))}
        </ol>
      </LabRunsProvider>
    </article>
  );
}
