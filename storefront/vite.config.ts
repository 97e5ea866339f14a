import { defineConfig } from 'vite';

// The app talks to the node over WebSocket only; both servers stay on the loopback interface,
// next to `scripts/dev.sh`'s node on ws://127.0.0.1:9944.
export default defineConfig({
  build: {
    // BigInt literals and top-level await.
    target: 'es2022',
    // @polkadot/api with its WASM crypto is about 1 MB minified; that is the app's size.
    chunkSizeWarningLimit: 1500
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true }
});
