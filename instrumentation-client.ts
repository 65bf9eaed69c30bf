import { z } from "zod";

// The browser runs under a Content-Security-Policy without eval: zod's probe for `new Function`
// (its compiled fast path for object schemas) would be reported as a violation the first time a
// form is checked, and could not run anyway.
z.config({ jitless: true });
