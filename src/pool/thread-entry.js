// The entry of an analysis thread. A thread does not inherit the TypeScript
// loader that bin/kiji.js registered in the main thread, so it registers
// tsx's the same way, then loads the thread's TypeScript. Under
// `node --import tsx` (vitest, the bench) the loader is already there.
if (!process.execArgv.some((a) => /tsx/.test(a))) {
  // Large JavaScript packages analysis needs load faster natively than through the loader's hooks.
  await Promise.all([import('zod'), import('cheerio'), import('yaml')]);
  const { register } = await import('tsx/esm/api');
  register();
}
await import('./thread.ts');
