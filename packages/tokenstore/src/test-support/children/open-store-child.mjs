// Opens a token store the way a CLI does, times it, and round-trips a token set through it.
// Usage: node open-store-child.mjs <service> <prefer> <dir> [probeTimeoutMs]
import { openTokenStore } from '../../../dist/index.js';

const [service, prefer, dir, probeTimeoutMs] = process.argv.slice(2);
const started = performance.now();
try {
  const opened = await openTokenStore({
    service,
    prefer,
    file: { dir },
    probeTimeoutMs: probeTimeoutMs === undefined ? undefined : Number(probeTimeoutMs),
  });
  const elapsedMs = performance.now() - started;
  await opened.store.save('probe-test', { accessToken: 'round-trip', tokenType: 'Bearer' });
  const back = await opened.store.load('probe-test');
  await opened.store.delete('probe-test');
  const { backend, persistent, warning } = opened;
  console.log(
    JSON.stringify({ ok: true, backend, persistent, warning, elapsedMs, back: back?.accessToken }),
  );
} catch (error) {
  const { name, code, reason, message } = error;
  const elapsedMs = performance.now() - started;
  console.log(JSON.stringify({ ok: false, elapsedMs, error: { name, code, reason, message } }));
}
