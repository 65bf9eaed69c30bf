"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Notice } from "../ui/notice";
import { buttonSecondary, inputField } from "../ui/styles";

/**
 * A secret shown this once (a new API token, a webhook signing secret), with a button to copy it.
 * It takes the focus when it appears, so that a screen reader user hears it is there.
 */
export function SecretOnce({
  title,
  body,
  label,
  secret,
}: {
  title: string;
  body: string;
  label: string;
  secret: string;
}) {
  const t = useTranslations("integrations.tokens");
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => box.current?.focus(), [secret]);

  async function copy() {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  }

  return (
    <div ref={box} tabIndex={-1} className="outline-none">
      <Notice tone="success" title={title}>
        <p>{body}</p>
        <label htmlFor={`${id}-secret`} className="mt-3 block text-sm font-medium">
          {label}
        </label>
        <div className="mt-1 flex flex-wrap gap-2">
          <input
            id={`${id}-secret`}
            readOnly
            value={secret}
            className={`${inputField} font-mono text-sm sm:flex-1`}
            onFocus={(event) => event.currentTarget.select()}
          />
          <button type="button" className={buttonSecondary} onClick={copy}>
            {t("copy")}
          </button>
        </div>
        <p aria-live="polite" className="mt-1 text-sm">
          {copied ? t("copied") : ""}
        </p>
      </Notice>
    </div>
  );
}
