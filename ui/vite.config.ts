import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// Tauri serves ui/dist through its own protocol; the dev server is only for `tauri dev`.
// `vitest/config`'s defineConfig is Vite's plus the `test` block, so both type-check.
export default defineConfig(({ mode }) => ({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    // Inline nothing: the CSP allows scripts and styles from 'self' only.
    assetsInlineLimit: 0,
  },
  // Vitest runs with mode "test": resolve Svelte's browser build so components can mount in jsdom.
  resolve: mode === "test" ? { conditions: ["browser"] } : undefined,
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.ts"],
  },
}));
