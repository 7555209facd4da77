import { getSessionUser } from "@/lib/auth/session";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import {
  exportAnkiCards,
  type AnkiExportFormat,
} from "@/lib/review/anki-export";

const formats: Record<
  AnkiExportFormat,
  { contentType: string; extension: string }
> = {
  tsv: {
    contentType: "text/tab-separated-values; charset=utf-8",
    extension: "tsv",
  },
  csv: { contentType: "text/csv; charset=utf-8", extension: "csv" },
};

const maxFilterLength = 200;
const controlCharacter = /[\u0000-\u001f\u007f]/;

function fileNamePart(value: string): string {
  return value
    .replace(/[^a-z0-9-]+/gi, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
}

/**
 * Downloads published flashcards as an Anki text file with Anki's header
 * lines. Query: format=tsv|csv (default tsv), deck=<slug>, tag=<tag>.
 */
export async function GET(request: Request): Promise<Response> {
  const user = await getSessionUser();
  if (!user) {
    return new Response("Sign in to export cards.\n", {
      status: 401,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });
  }

  const url = new URL(request.url);
  const format = (url.searchParams.get("format") ?? "tsv").toLowerCase();
  if (format !== "tsv" && format !== "csv") {
    return new Response(
      `Unknown export format "${format.slice(0, 20)}". Use format=tsv or format=csv.\n`,
      { status: 400, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
  }
  const deck = url.searchParams.get("deck")?.trim() || undefined;
  const tag = url.searchParams.get("tag")?.trim() || undefined;
  for (const [name, value] of [
    ["deck", deck],
    ["tag", tag],
  ] as const) {
    // PostgreSQL text cannot hold NUL, and no slug or tag is this long or
    // contains control characters.
    if (
      value &&
      (value.length > maxFilterLength || controlCharacter.test(value))
    ) {
      return new Response(
        `The ${name} filter is invalid: use a ${name} of at most ${maxFilterLength} characters without control characters.\n`,
        {
          status: 400,
          headers: { "content-type": "text/plain; charset=utf-8" },
        },
      );
    }
  }

  const exported = await exportAnkiCards(prisma, { deck, tag }, format);
  log.info(
    { userId: user.id, format, deck, tag, cards: exported.count },
    "anki cards exported",
  );

  const name = [
    "drillbook",
    deck && fileNamePart(deck),
    tag && fileNamePart(tag),
  ]
    .filter(Boolean)
    .join("-");
  const { contentType, extension } = formats[format];
  return new Response(exported.text, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${name}.${extension}"`,
      "cache-control": "no-store",
    },
  });
}
