import { lazy, type ComponentType } from "react";

/**
 * A component whose code loads on first render (React.lazy, wrapped in a Suspense) and can be
 * fetched ahead with `preload` — on hover or focus of what opens it — so that opening it does not
 * wait. For dialogs, which most visits never open: their code stays out of the first load.
 * React.lazy rather than next/dynamic, whose loader adds ≈ 1.3 kB gzip to every page.
 */
export function lazyWithPreload<Props extends object>(load: () => Promise<ComponentType<Props>>) {
  let loading: Promise<ComponentType<Props>> | undefined;
  const preload = () => (loading ??= load());
  return { Component: lazy(async () => ({ default: await preload() })), preload };
}
