/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { partOf } from './src/i18n/parts';

const backend = process.env.LOKET_BACKEND_URL ?? 'http://127.0.0.1:8080';

const MESSAGES = 'virtual:messages/';

/**
 * `virtual:messages/<lang>/<part>`: the messages of src/i18n/<lang>.json whose keys belong to
 * that part (src/i18n/parts.ts), so the first load carries only the core of one language.
 */
function messageParts(): Plugin {
  return {
    name: 'loket-message-parts',
    resolveId: (id) => (id.startsWith(MESSAGES) ? `\0${id}` : undefined),
    load(id) {
      if (!id.startsWith(`\0${MESSAGES}`)) return undefined;
      const [lang, part] = id.slice(MESSAGES.length + 1).split('/');
      if (!lang || !/^[a-z]{2}$/.test(lang) || (part !== 'core' && part !== 'rest')) this.error(`unknown message part ${id}`);
      const file = fileURLToPath(new URL(`./src/i18n/${lang}.json`, import.meta.url));
      this.addWatchFile(file);
      const all = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
      const picked = Object.fromEntries(Object.entries(all).filter(([key]) => partOf(key) === part));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(picked))});`;
    },
  };
}

export default defineConfig({
  plugins: [react(), messageParts()],
  server: {
    // The demo's mock sign-in providers live beside the API, outside /api.
    proxy: { '/api': backend, '/mock-oidc': backend },
  },
  build: {
    outDir: 'dist',
    // No source maps in what is served: they would publish the source to anyone.
    sourcemap: false,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['src/test/setup.ts', 'src/i18n/testSetup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
    // Generous: the suite also runs on a busy two-core machine beside the Rust build.
    testTimeout: 20_000,
  },
});
