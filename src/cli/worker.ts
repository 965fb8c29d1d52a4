// `npm run worker`: the outbox worker alone (for production, next to the web processes).
import { boot } from '../boot.js';
import { startWorker } from '../worker.js';

const booted = await boot({ name: 'worker', migrate: false, poolMax: 4 });
const worker = startWorker(booted.ctx);
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.stop();
  await booted.shutdown();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
