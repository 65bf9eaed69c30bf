import { createHash, randomBytes } from "node:crypto";

/**
 * An API token is "sap_" and 32 random bytes in base64url: the prefix makes a leaked token
 * recognisable (secret scanners, logs), the 256 bits make guessing hopeless, and so a plain SHA-256
 * is enough to store it (no salt or slow hash needed: there is no dictionary of random tokens).
 */
export const TOKEN_PREFIX = "sap_";
const TOKEN_PATTERN = /^sap_[A-Za-z0-9_-]{43}$/;
/** Characters of the token kept in clear, to tell tokens apart in lists. */
const SHOWN_CHARACTERS = TOKEN_PREFIX.length + 6;

export function newTokenSecret(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, SHOWN_CHARACTERS) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Whether a string has the shape of a token: anything else is refused without a database read. */
export const isTokenShaped = (value: string) => TOKEN_PATTERN.test(value);
