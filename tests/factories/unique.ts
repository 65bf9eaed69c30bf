import { randomBytes } from "node:crypto";

/** A short random tag: every row a test creates is its own, so tests never meet in the database. */
export const unique = () => randomBytes(4).toString("hex");

/** An account identifier no other test uses. */
export const uniqueDomain = () => `d${unique()}.example`;
