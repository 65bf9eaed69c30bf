import { setNonce } from "get-nonce";
import { z } from "zod";

// The browser runs under a Content-Security-Policy without eval: zod's probe for `new Function`
// (its compiled fast path for object schemas) would be reported as a violation the first time a
// form is checked, and could not run anyway.
z.config({ jitless: true });

// Libraries that add <style> elements at run time (the dialogs' scroll lock, through
// react-style-singleton) put this nonce on them, or the policy blocks them. It is read from the
// document rather than passed down from the server: a refreshed layout would bring another
// request's nonce, while the document keeps the policy it was loaded with.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) setNonce(nonce);
