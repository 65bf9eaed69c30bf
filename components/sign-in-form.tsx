"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { parseSignInAddress } from "@/lib/auth/rules";
import { requestSignInLink, type SignInLinkOutcome } from "@/lib/auth/request-sign-in-link";
import { retryWhen } from "@/lib/i18n/retry-after";
import { buttonPrimary, buttonSecondary, inputField } from "./ui/styles";

interface Props {
  callbackUrl: string;
  ssoName: string | null;
  demoEmails: { email: string; description: string }[];
}

export function SignInForm({ callbackUrl, ssoName, demoEmails }: Props) {
  const t = useTranslations("signIn");
  const format = useFormatter();
  const router = useRouter();
  const id = useId();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const address = parseSignInAddress(email);
    if (!address) {
      setError(t("invalidEmail"));
      return;
    }
    setError(null);
    setPending(true);
    const outcome = await requestSignInLink(address, callbackUrl).catch((): SignInLinkOutcome => ({
      status: "failed",
    }));
    if (outcome.status === "sent") {
      router.push("/sign-in/check-email");
      return;
    }
    setPending(false);
    setError(
      outcome.status === "rateLimited"
        ? t("rateLimited", { when: retryWhen(format, outcome.retryAfterSeconds) })
        : t("failed"),
    );
  }

  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="space-y-6">
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <div>
          <label htmlFor={`${id}-email`} className="block text-sm font-medium text-slate-800">
            {t("emailLabel")}
          </label>
          <p id={hintId} className="text-sm text-slate-600">
            {t("emailHint")}
          </p>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            autoComplete="email"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${hintId} ${errorId}` : hintId}
            className={`mt-1 ${inputField}`}
          />
          {error ? (
            <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
              {error}
            </p>
          ) : null}
        </div>
        <button type="submit" className={buttonPrimary} disabled={pending}>
          {pending ? t("submitting") : t("submit")}
        </button>
      </form>
      {ssoName ? (
        <div className="space-y-3">
          <p className="text-sm text-slate-600">{t("or")}</p>
          <button
            type="button"
            className={buttonSecondary}
            onClick={() => signIn("oidc", { callbackUrl })}
          >
            {t("sso", { provider: ssoName })}
          </button>
        </div>
      ) : null}
      {demoEmails.length ? (
        <section
          aria-labelledby={`${id}-demo`}
          className="rounded-md border border-amber-300 bg-amber-50 p-4"
        >
          <h2 id={`${id}-demo`} className="font-semibold text-amber-900">
            {t("demoUsers")}
          </h2>
          <p className="mt-1 text-sm text-amber-900">{t("demoHint")}</p>
          <ul className="mt-3 space-y-1">
            {demoEmails.map((demo) => (
              <li key={demo.email}>
                <button
                  type="button"
                  className="text-left text-sm text-amber-950 underline underline-offset-2"
                  onClick={() => setEmail(demo.email)}
                >
                  {demo.email}
                </button>{" "}
                <span className="text-sm text-amber-900">— {demo.description}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
