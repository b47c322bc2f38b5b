import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from '../main/content/csp.ts';

/** The same policy the main process sends as a header, also as a meta tag for any other host. */
function injectCsp(): Plugin {
  return {
    name: 'latent-studio-csp',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: metaContentSecurityPolicy }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte(), injectCsp()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // "/asset/..." is for images the main process serves; the build goes under "/build/".
    assetsDir: 'build',
    target: 'es2023',
  },
});
