import { describe, expect, it } from 'vitest';
import { abortable, throwIfAborted } from './abortable.js';
import { AbortError } from './transport-errors.js';

const never = () => new Promise<never>(() => {});

describe('abortable', () => {
  it('settles like the work when nothing aborts', async () => {
    const controller = new AbortController();
    await expect(abortable(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    const failure = new Error('work failed');
    await expect(abortable(Promise.reject(failure), controller.signal)).rejects.toBe(failure);
    await expect(abortable(Promise.resolve(8), undefined)).resolves.toBe(8);
  });

  it('rejects with AbortError at once when the signal aborts, even if the work never settles', async () => {
    const controller = new AbortController();
    const pending = abortable(never(), controller.signal, 'the wait between polls');
    controller.abort('user pressed Ctrl-C');
    const error = await pending.catch((e: unknown) => e);
    expect(AbortError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain('the wait between polls');
    expect((error as Error).cause).toBe('user pressed Ctrl-C');
  });

  it('rejects at once for a signal that had already aborted, and swallows the late failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const late = Promise.reject(new Error('late'));
    await expect(abortable(late, controller.signal)).rejects.toSatisfy(AbortError.isInstance);
  });
});

describe('throwIfAborted', () => {
  it('throws AbortError only once the signal has aborted', () => {
    const controller = new AbortController();
    expect(() => throwIfAborted(controller.signal, 'polling')).not.toThrow();
    expect(() => throwIfAborted(undefined, 'polling')).not.toThrow();
    controller.abort();
    expect(() => throwIfAborted(controller.signal, 'polling')).toThrow(/during polling/);
  });
});
