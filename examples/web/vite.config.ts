import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** A static build in dist/: no CDN, every asset served from the app's own origin. */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5173 },
});
