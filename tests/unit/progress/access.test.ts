import { describe, expect, it } from "vitest";

import { canViewProgress } from "@/lib/progress/access";

const user = (id: string, role: "LEARNER" | "INSTRUCTOR" | "ADMIN") => ({
  id,
  email: `${id}@example.test`,
  name: null,
  role,
});

describe("canViewProgress", () => {
  it.each([
    ["owner", user("a", "LEARNER"), "a", true],
    ["another learner", user("b", "LEARNER"), "a", false],
    ["an instructor", user("c", "INSTRUCTOR"), "a", true],
    ["an admin", user("d", "ADMIN"), "a", true],
  ] as const)("%s: %s", (_who, viewer, ownerId, expected) => {
    expect(canViewProgress(viewer, ownerId)).toBe(expected);
  });
});
