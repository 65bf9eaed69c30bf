import type { MetadataRoute } from "next";
import { defaultLocale } from "@/lib/i18n/config";
import { catalogs } from "@/lib/i18n/messages";

/**
 * The web manifest, served as /manifest.webmanifest and linked from every page by Next. One file
 * for every visitor, so in the default language.
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: catalogs[defaultLocale].app.name,
    start_url: "/",
    display: "browser",
    // The portal's brand colour (brand-700 in app/globals.css) and page background (slate-50).
    theme_color: "#0a4a8a",
    background_color: "#f8fafc",
    icons: [
      { src: "/icon.svg", type: "image/svg+xml", sizes: "any" },
      { src: "/icon-192.png", type: "image/png", sizes: "192x192" },
      { src: "/icon-512.png", type: "image/png", sizes: "512x512" },
    ],
  };
}
