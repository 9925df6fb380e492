#!/usr/bin/env bash
# Regenerates the two font files beside this script from the `geist` package's variable fonts: Latin and the
# punctuation, arrows and math signs the console's text uses (─ │ ✓ and emoji fall back to the system's fonts),
# every weight, default OpenType features plus tabular and case-sensitive forms. ~27 + ~22 KiB instead of
# 68 + 70 KiB. Needs fonttools with Brotli (Debian: `apt-get install fonttools python3-brotli`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
geist="$here/../../../node_modules/geist/dist/fonts"
unicodes="U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+2000-206F,U+2074,U+20AC,U+2122,U+2190-2199,U+21D2,U+2205,U+2212,U+2215,U+2264-2265,U+FEFF,U+FFFD"
subset() {
  pyftsubset "$geist/$1" --unicodes="$unicodes" --flavor=woff2 --layout-features+=tnum,case --output-file="$here/$2"
}
subset geist-sans/Geist-Variable.woff2 geist-sans-latin.woff2
subset geist-mono/GeistMono-Variable.woff2 geist-mono-latin.woff2
