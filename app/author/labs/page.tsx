import type { Metadata } from "next";
import Link from "next/link";

import { AuthorForbidden } from "@/components/authoring/forbidden";
import { listLabChoices, listLabTemplates } from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";
import { labSpec } from "@/lib/grading/spec";

import { authorForPage } from "../access";

export const metadata: Metadata = {
  title: "Lab question templates · Authoring",
};

export default async function AuthorLabsPage() {
  const user = await authorForPage("/author/labs");
  if (!user) return <AuthorForbidden />;
  const [templates, labs] = await Promise.all([
    listLabTemplates(prisma),
    listLabChoices(prisma),
  ]);

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Lab question templates</h1>
      <p className="text-sm text-slate-600">
        A lab question is a template: its expected answer is read from each
        learner&apos;s own run, by a metric path into the run&apos;s result
        (within a tolerance) or by a rule that picks the right option. Learners
        with a wrong answer see the hint, never the value. Add one from a
        drill&apos;s page with the kind &ldquo;Lab question template&rdquo;.
      </p>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th className="py-1 pr-2">Question</th>
              <th className="py-1 pr-2">Drill</th>
              <th className="py-1 pr-2">Lab</th>
              <th className="py-1 pr-2">Answer from</th>
              <th className="py-1 pr-2">Version</th>
              <th className="py-1 pr-2">Shown</th>
            </tr>
          </thead>
          <tbody>
            {templates.map((template) => {
              const spec = labSpec.safeParse(template.spec);
              const source = !spec.success
                ? "(invalid spec)"
                : spec.data.answer.type === "numeric"
                  ? `metric ${spec.data.answer.metric}`
                  : `rule ${spec.data.answer.rule}`;
              return (
                <tr
                  key={template.id}
                  className="border-b border-slate-100 align-top"
                >
                  <td className="py-1 pr-2">
                    <Link
                      href={`/author/questions/${template.id}`}
                      className="text-indigo-700"
                    >
                      {template.prompt.slice(0, 70)}
                      {template.prompt.length > 70 ? "…" : ""}
                    </Link>
                  </td>
                  <td className="py-1 pr-2">{template.drill.number}</td>
                  <td className="py-1 pr-2">
                    {spec.success ? spec.data.lab : "?"}
                  </td>
                  <td className="py-1 pr-2">
                    <code className="text-xs">{source}</code>
                  </td>
                  <td className="py-1 pr-2 tabular-nums">{template.version}</td>
                  <td className="py-1 pr-2">
                    {template.published ? "yes" : "hidden"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <section className="space-y-2">
        <h2 className="text-lg font-semibold">Labs, rules and metric paths</h2>
        {labs.map((lab) => (
          <details
            key={lab.slug}
            className="rounded border border-slate-200 bg-white p-2 text-sm"
          >
            <summary className="cursor-pointer">
              {lab.title} <code className="text-xs">{lab.slug}</code>
            </summary>
            <p className="mt-1">
              Rules:{" "}
              {lab.rules.length > 0
                ? lab.rules.map((rule) => (
                    <code key={rule} className="mr-2 text-xs">
                      {rule}
                    </code>
                  ))
                : "none"}
            </p>
            <p className="mt-1">
              Metric paths of the newest stored run:{" "}
              {lab.metricPaths.length > 0
                ? ""
                : "no run stored yet; run the lab once to list them."}
            </p>
            <ul className="columns-2 text-xs">
              {lab.metricPaths.map((path) => (
                <li key={path}>
                  <code>{path}</code>
                </li>
              ))}
            </ul>
          </details>
        ))}
      </section>
    </div>
  );
}
