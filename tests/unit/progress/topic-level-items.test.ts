import { describe, expect, it } from "vitest";

import { topicLevelItems } from "@/components/progress/topic-levels";
import { estimateLevel } from "@/lib/progress/level";
import type {
  EvidenceAnswer,
  EvidenceCriterion,
  TopicLevel,
} from "@/lib/progress/topic-levels";

function criterion(
  key: string,
  description: string,
  met: boolean,
): EvidenceCriterion {
  return {
    key,
    level: "E5",
    description,
    points: 2,
    met,
    byInstructor: key === "metrics",
    words: met ? [`${key} words`] : [],
  };
}

function answer(id: string, at: string, met: boolean): EvidenceAnswer {
  return {
    source: "attempt",
    id,
    at: new Date(at),
    label: "Drill 1 free-text question",
    href: "/attempts",
    criteria: [
      criterion("metrics", "Reports precision and recall.", met),
      criterion("resampling", "Proposes resampling.", !met),
    ],
  };
}

function topic(id: string, evidence: EvidenceAnswer[]): TopicLevel {
  return {
    topic: { id, slug: `slug-${id}`, title: `Topic ${id}` },
    result: estimateLevel(
      evidence.flatMap((item) =>
        item.criteria.map(({ level, met, points }) => ({ level, met, points })),
      ),
    ),
    evidence,
  };
}

describe("topicLevelItems", () => {
  const levels = [
    topic("a", [
      answer("1", "2026-03-10T23:30:00Z", true),
      answer("2", "2026-03-01T00:10:00Z", false),
    ]),
    topic("b", []),
  ];
  const { topics, descriptions } = topicLevelItems(levels);

  it("lists each description once", () => {
    expect(descriptions).toEqual([
      "Reports precision and recall.",
      "Proposes resampling.",
    ]);
  });

  it("refers to descriptions by index", () => {
    for (const [index, item] of topics[0].evidence.entries()) {
      const descriptionsShown = item.criteria.map(
        (c) => descriptions[c.description],
      );
      const original = levels[0].evidence[index].criteria.map(
        (c) => c.description,
      );
      expect(descriptionsShown).toEqual(original);
    }
  });

  it("formats dates as UTC days", () => {
    expect(topics[0].evidence.map((item) => item.date)).toEqual([
      "10 Mar 2026",
      "1 Mar 2026",
    ]);
  });

  it("keeps what the list shows", () => {
    expect(topics[0].evidence[0].criteria[0]).toEqual({
      key: "metrics",
      level: "E5",
      description: 0,
      met: true,
      byInstructor: true,
      words: ["metrics words"],
    });
    expect(topics[0].result).toEqual({
      level: levels[0].result.level,
      e5: { share: levels[0].result.e5.share },
      e6: { share: null },
      reason: levels[0].result.reason,
    });
  });

  it("keeps topics without evidence", () => {
    expect(topics[1]).toMatchObject({
      topic: { id: "b", slug: "slug-b", title: "Topic b" },
      evidence: [],
    });
  });
});
