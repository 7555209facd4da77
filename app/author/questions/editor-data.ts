import {
  listLabChoices,
  listRubricsForAuthoring,
} from "@/lib/authoring/queries";
import { prisma } from "@/lib/db";

/** Loads the question editor's choices: drills, rubrics with their criteria, labs with rules and metric paths. */
export async function loadQuestionEditorData() {
  const [drills, rubrics, labs] = await Promise.all([
    prisma.drill.findMany({
      orderBy: { number: "asc" },
      select: {
        id: true,
        number: true,
        title: true,
        published: true,
        rubric: { select: { slug: true } },
      },
    }),
    listRubricsForAuthoring(prisma),
    listLabChoices(prisma),
  ]);
  return {
    drills: drills.map((drill) => ({
      id: drill.id,
      label: `${drill.number}. ${drill.title}${drill.published ? "" : " (hidden)"}`,
    })),
    drillRubrics: Object.fromEntries(
      drills.map((drill) => [drill.id, drill.rubric?.slug ?? null]),
    ),
    rubrics: rubrics.map((rubric) => ({
      slug: rubric.slug,
      title: rubric.title,
      criteria: rubric.criteria.map(({ key, level, description }) => ({
        key,
        level,
        description,
      })),
    })),
    labs,
  };
}
