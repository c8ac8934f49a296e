/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const backend = process.env.LOKET_BACKEND_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
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
