// The dashboard build: relative asset paths (served at / by `flywheel serve`, inlined by
// `flywheel report --html`), one JS and one CSS file, no external requests. Their names carry
// a hash of their contents, so the server lets browsers cache them for good
// (src/web_assets/embedded_assets.h); web/compress.mjs then writes their gzip and brotli forms.
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  esbuild: { legalComments: 'none' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 100000,
    cssCodeSplit: false,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      output: {
        inlineDynamicImports: true,
        entryFileNames: 'assets/app-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
