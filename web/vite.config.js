// The dashboard build: relative asset paths (served at / by `flywheel serve`, inlined by
// `flywheel report --html`), one JS and one CSS file, no external requests.
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
        entryFileNames: 'assets/app.js',
        assetFileNames: 'assets/[name][extname]',
      },
    },
  },
});
