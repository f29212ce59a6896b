#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx's loader: no build step
// between a clone and `npx kiji`. Help and usage errors are answered before
// the loader and the commands are brought in, so they come back at once.
import { quick } from '../src/cli/quick.js';

const argv = process.argv.slice(2);
const answered = quick(argv, process.stdout, process.stderr);
if (answered !== null) {
  process.exitCode = answered;
} else {
  // zod, which every command's options need, loads faster natively than through the loader's hooks (0.1 s, not 0.3);
  // the TypeScript that imports it later finds it already loaded.
  await import('zod');
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli/main.ts');
  process.exitCode = await main(argv);
  // Everything main opened is closed by now; a handle a library left behind (a reconnect timer)
  // must not keep a finished command alive.
  setTimeout(() => process.exit(), 3_000).unref();
}
