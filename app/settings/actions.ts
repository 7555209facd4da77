"use server";

import { revalidatePath } from "next/cache";

import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { updateReviewSettings } from "@/lib/review/settings";
import { reviewSettingsSchema } from "@/lib/review/settings-schema";

export const updateReviewSettingsAction = defineAction({
  name: "settings.updateReview",
  access: "user",
  input: reviewSettingsSchema,
  async handler(input, { user }) {
    const saved = await updateReviewSettings(prisma, user!.id, input);
    log.info({ userId: user!.id, ...saved }, "review settings updated");
    revalidatePath("/review");
    return saved;
  },
});
