import { describe, expect, it } from "vitest";

import {
  reviewCommandForKey,
  type KeyPress,
} from "@/components/review/keyboard";

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    repeat: false,
    target: null,
    ...extra,
  };
}

/** Builds a stand-in DOM element whose closest() matches selectors naming its tag. */
function element(tag: string, contentEditable = false): EventTarget {
  return {
    isContentEditable: contentEditable,
    closest: (selector: string) =>
      selector.split(",").some((part) => part.trim().startsWith(tag))
        ? {}
        : null,
  } as unknown as EventTarget;
}

describe("reviewCommandForKey", () => {
  it("maps Space to reveal", () => {
    expect(reviewCommandForKey(press(" "))).toEqual({ kind: "reveal" });
  });

  it("maps 1 to 4 to grades", () => {
    for (const rating of [1, 2, 3, 4]) {
      expect(reviewCommandForKey(press(String(rating)))).toEqual({
        kind: "grade",
        rating,
      });
    }
  });

  it("maps u and U to undo", () => {
    expect(reviewCommandForKey(press("u"))).toEqual({ kind: "undo" });
    expect(reviewCommandForKey(press("U"))).toEqual({ kind: "undo" });
  });

  it("ignores other keys", () => {
    for (const key of ["5", "0", "Enter", "a", "Escape"]) {
      expect(reviewCommandForKey(press(key))).toBeNull();
    }
  });

  it("ignores modified and repeated presses", () => {
    expect(reviewCommandForKey(press("1", { ctrlKey: true }))).toBeNull();
    expect(reviewCommandForKey(press("1", { metaKey: true }))).toBeNull();
    expect(reviewCommandForKey(press("u", { altKey: true }))).toBeNull();
    expect(reviewCommandForKey(press(" ", { repeat: true }))).toBeNull();
  });

  it("ignores typing in text fields", () => {
    for (const tag of ["input", "textarea", "select"]) {
      expect(
        reviewCommandForKey(press("3", { target: element(tag) })),
      ).toBeNull();
    }
    expect(
      reviewCommandForKey(press("u", { target: element("div", true) })),
    ).toBeNull();
  });

  it("accepts keys on buttons and the page", () => {
    expect(
      reviewCommandForKey(press("3", { target: element("button") })),
    ).toEqual({
      kind: "grade",
      rating: 3,
    });
  });
});
