import localFont from "next/font/local";

// Geist (the `geist` package's variable fonts), subset to Latin by fonts/subset.sh: both faces ~49 KiB instead of
// 138 KiB on every first visit. Characters outside the subset come from the fallback fonts.
export const geistSans = localFont({
  src: "./fonts/geist-sans-latin.woff2",
  variable: "--font-geist-sans",
  weight: "100 900",
});

export const geistMono = localFont({
  src: "./fonts/geist-mono-latin.woff2",
  variable: "--font-geist-mono",
  weight: "100 900",
  adjustFontFallback: false,
  fallback: ["ui-monospace", "SFMono-Regular", "Roboto Mono", "Menlo", "Monaco", "Liberation Mono", "DejaVu Sans Mono", "Courier New", "monospace"],
});
