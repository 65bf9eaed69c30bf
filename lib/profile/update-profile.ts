import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { consumeRateLimit } from "@/lib/rate-limit";
import { profileSchema } from "./schema";
import { profileSelect } from "./profile-select";

/** A user updates their own profile (never anyone else's: the id is the actor's). */
export const updateProfile = defineMutation({
  name: "profile.update",
  input: profileSchema,
  async run({ actor, input, tx }) {
    await consumeRateLimit("updateProfile", actor.id);
    const before = await tx.user.findUniqueOrThrow({
      where: { id: actor.id },
      select: profileSelect,
    });
    const after = await tx.user.update({
      where: { id: actor.id },
      data: input,
      select: profileSelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "profile.updated",
      subjectType: "User",
      subjectId: actor.id,
      before,
      after,
    });
    return after;
  },
});
