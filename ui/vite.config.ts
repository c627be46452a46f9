/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The app runs inside Tauri's webview and must work offline: everything it loads
// (Element Plus CSS, fonts, icons) is bundled from node_modules; nothing is fetched.
//
// Element Plus is imported per use, not registered whole: each page's chunk carries
// the components (and their CSS) it draws, so the first chunk holds only the shell
// and the overview. Templates get their <el-*> components and v-loading resolved;
// scripts get ElMessage/ElMessageBox, with the CSS they need. The two .d.ts files
// these plugins write are committed: vue-tsc reads them.
//
// `vite build --mode bare` builds bare.html instead, into dist-bare/: the yardstick
// of the start-up benchmark (scripts/bench-startup.sh).
export default defineConfig(({ mode }) => ({
  plugins: [
    vue(),
    // Not for the bare page: a build rewrites the .d.ts files from what it saw.
    ...(mode === 'bare'
      ? []
      : [
          AutoImport({ resolvers: [ElementPlusResolver()], dts: 'src/auto-imports.d.ts' }),
          Components({ resolvers: [ElementPlusResolver()], dts: 'src/components.d.ts', dirs: [] }),
        ]),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  // Tauri's `devUrl` is http://localhost:5173: keep the port fixed and let Tauri's
  // own messages stay visible.
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build:
    mode === 'bare'
      ? { outDir: 'dist-bare', emptyOutDir: true, rolldownOptions: { input: 'bare.html' } }
      : { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.spec.ts'],
    setupFiles: ['src/testSetup.ts'],
    // Mounting Element Plus forms takes seconds on a busy 2-core machine; 5 s is too tight.
    testTimeout: 20_000,
    // Bundle element-plus for the tests as the app build does; loaded by Node it
    // gets the CommonJS form validator, which passes every form.
    server: { deps: { inline: ['element-plus'] } },
  },
}))
