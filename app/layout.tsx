import type { Metadata } from "next";
import { connection } from "next/server";
import { geistMono, geistSans } from "@/components/layout/fonts";
import { Providers } from "@/components/layout/providers";
import { IconSprite } from "@/components/ui/icon-sprite";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Harbor Fleet Console", template: "%s · Harbor Fleet Console" },
  description: "One console for a fleet of Harbor registries.",
  icons: { icon: "/icon.svg" },
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request, every page: the Content-Security-Policy's nonce (proxy.ts) is new for each response, and
  // a page prerendered at build time would carry scripts without it.
  await connection();
  return (
    <html lang="en" className={`${geistSans.variable} ${geistMono.variable}`}>
      <body className="min-h-screen font-sans antialiased">
        <IconSprite />
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
