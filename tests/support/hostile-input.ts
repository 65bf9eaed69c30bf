import fc from "fast-check";

/**
 * Generators of what an attacker (or a broken client) sends instead of a form's fields, for the
 * property tests that prove the portal answers all of it with a refusal, never a server error.
 */

/** Texts chosen by hand: each once broke something somewhere. */
const NOTORIOUS = [
  "\u0000",
  "a\u0000b",
  "\u202eevil\u202c",
  "\u2066isolate\u2069",
  "\u200b\u200d\ufeff",
  "\ud800",
  "x\udfffy",
  "%00",
  "%C0%AF",
  '\'; DROP TABLE "User"; --',
  "<script>alert(1)</script>",
  "../../../etc/passwd",
  "${jndi:ldap://x}",
  "\\",
  " ",
  "\t\r\n",
  "NaN",
  "-0",
  "9".repeat(400),
  "é".normalize("NFD"),
  "İ",
  "ß".repeat(300),
];

const CONTROL_CHARACTERS = [...Array(32).keys(), 127, 0x85, 0x2028, 0x2029].map((code) =>
  String.fromCharCode(code),
);

/** Hostile text: any code point (lone surrogates too), control and bidi characters, huge strings. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...CONTROL_CHARACTERS), maxLength: 20 }),
  fc.constantFrom(...NOTORIOUS),
  fc.integer({ min: 3, max: 6 }).map((exponent) => "x".repeat(10 ** exponent)),
);

/** Values of the wrong type for a text field: numbers at their limits, objects, arrays, nothing. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.constantFrom(
    Number.MAX_VALUE,
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.MAX_SAFE_INTEGER + 2,
    1e21,
  ),
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
  fc.date({ noInvalidDate: false }),
);

/** A field's value: often the valid one (so the other fields reach the rules), else hostile. */
export function hostileField(valid: unknown): fc.Arbitrary<unknown> {
  const variants: fc.WeightedArbitrary<unknown>[] = [
    { weight: 3, arbitrary: fc.constant(valid) },
    { weight: 3, arbitrary: hostileText },
    { weight: 2, arbitrary: wrongType },
  ];
  if (typeof valid === "string")
    variants.push({ weight: 2, arbitrary: hostileText.map((text) => `${valid}${text}`) });
  if (Array.isArray(valid)) {
    const items =
      valid.length > 0
        ? fc.oneof(fc.constantFrom(...(valid as unknown[])), hostileText)
        : hostileText;
    variants.push({ weight: 2, arbitrary: fc.array(items, { maxLength: 5 }) });
  }
  return fc.oneof(...variants);
}

/**
 * An input shaped like `valid` (an object of fields): each field kept, replaced by a hostile value
 * or missing, and sometimes extra fields; now and then not an object at all.
 */
export function hostileInput(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = fc.record(
    Object.fromEntries(Object.entries(valid).map(([key, value]) => [key, hostileField(value)])),
    { requiredKeys: [] },
  );
  const extra = fc.dictionary(
    fc.oneof(hostileText, fc.constantFrom("__proto__", "constructor", "id", "role", "status")),
    fc.anything({ maxDepth: 1 }),
    { maxKeys: 2 },
  );
  return fc.oneof(
    { weight: 6, arbitrary: fields },
    {
      weight: 2,
      arbitrary: fc.tuple(fields, extra).map(([known, more]) => ({ ...more, ...known })),
    },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

/** Query-string values for the given parameter names: one value, several, or hostile ones. */
export function hostileQuery(
  valid: Record<string, string>,
): fc.Arbitrary<Record<string, string | string[] | undefined>> {
  return fc.record(
    Object.fromEntries(
      Object.entries(valid).map(([key, value]) => [
        key,
        fc.oneof(
          fc.constant(value),
          hostileText,
          hostileText.map((text) => `${value}${text}`),
          fc.array(fc.oneof(fc.constant(value), hostileText), { minLength: 2, maxLength: 3 }),
        ),
      ]),
    ),
    { requiredKeys: [] },
  );
}
