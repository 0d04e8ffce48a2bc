import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The SCIM Provisioning settings page: a static bundle the gateway serves under /admin/ (no CDN, no server
// rendering). Preact's JSX is compiled by Vite's own transformer; no framework plugin is needed. The page
// imports only types from @scim/contracts (Vite does not resolve that alias, so a value import fails the build
// instead of bundling zod).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/admin/',
  publicDir: 'public',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/apps/admin-ui', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
});
