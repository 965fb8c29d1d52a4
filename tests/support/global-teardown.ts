import { rm } from 'node:fs/promises';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as Record<string, unknown>).__PRAXIS_TEST_PG__ as { pg: { stop(): Promise<void> }; dir: string } | undefined;
  if (!state) return;
  await state.pg.stop();
  await rm(state.dir, { recursive: true, force: true });
}
