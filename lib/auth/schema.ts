import { z } from "zod";

/** The sign-in form and the server agree on what an email address is. */
export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
});
