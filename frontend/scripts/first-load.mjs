// The JavaScript a browser fetches before the first page shows: the entry script of
// dist/index.html and the modules it preloads, each gzipped as the server would send it.
// `--budget <KB>` makes it fail above that many kilobytes (1 KB = 1000 bytes, as Vite reports).
// `--json` prints the figures as JSON for `make bench`.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url);
const html = readFileSync(new URL('index.html', dist), 'utf8');
const scripts = [
  ...html.matchAll(/<script[^>]*type="module"[^>]*src="\/([^"]+)"/g),
  ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/([^"]+)"/g),
].map((match) => match[1]);
if (scripts.length === 0) throw new Error('dist/index.html names no module script: run `npm run build` first');

const files = scripts.map((path) => {
  const bytes = readFileSync(new URL(path, dist));
  return { path, bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
});
const total = files.reduce((sum, f) => sum + f.gzipped, 0);
const args = process.argv.slice(2);
if (args.includes('--json')) {
  console.log(JSON.stringify({ firstLoadJsGzipBytes: total, files }));
} else {
  for (const f of files) console.log(`${f.path}: ${(f.bytes / 1000).toFixed(1)} KB, ${(f.gzipped / 1000).toFixed(1)} KB gzipped`);
  console.log(`first-load JavaScript: ${(total / 1000).toFixed(1)} KB gzipped`);
}
const budgetAt = args.indexOf('--budget');
if (budgetAt >= 0) {
  const budget = Number(args[budgetAt + 1]) * 1000;
  if (!(total <= budget)) {
    console.error(`over the budget of ${budget / 1000} KB: load more of the SPA on first use (see app/routes.tsx, i18n/parts.ts)`);
    process.exit(1);
  }
}
