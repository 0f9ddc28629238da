#!/usr/bin/env bash
# Refreshes the KaTeX files that the HTML report inlines, from the version pinned in package-lock.json.
# Only this script needs Node and the network; the build uses the committed files under katex/.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --ignore-scripts --no-audit --no-fund
dist=node_modules/katex/dist
rm -rf katex && mkdir -p katex/fonts
cp "$dist/katex.min.js" "$dist/katex.min.css" katex/
cp "$dist"/fonts/*.woff2 katex/fonts/
cp node_modules/katex/LICENSE katex/LICENSE
node -p "require('./node_modules/katex/package.json').version" > katex/VERSION
rm -rf node_modules
