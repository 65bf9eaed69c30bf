import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { consumeRateLimit } from "@/lib/rate-limit";
import { profileSchema } from "./schema";

/** A user updates their own profile (never anyone else's: the id is the actor's). */
export const updateProfile = defineMutation({
  name: "profile.update",
  input: profileSchema,
  async run({ actor, input, tx }) {
    await consumeRateLimit("updateProfile", actor.id);
    const select = {
      firstName: true,
      lastName: true,
      company: true,
      jobTitle: true,
      country: true,
      phone: true,
    } as const;
    const before = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select });
    const after = await tx.user.update({ where: { id: actor.id }, data: input, select });
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
