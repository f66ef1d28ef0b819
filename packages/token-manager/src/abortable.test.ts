import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.js';

describe('abortable', () => {
  it('settles like the work when there is no signal or it does not fire', async () => {
    await expect(abortable(Promise.resolve(1), undefined)).resolves.toBe(1);
    await expect(abortable(Promise.resolve(2), new AbortController().signal)).resolves.toBe(2);
    await expect(
      abortable(Promise.reject(new Error('boom')), new AbortController().signal),
    ).rejects.toThrow('boom');
  });

  it("rejects with core's AbortError, the reason as cause, without stopping the work", async () => {
    const controller = new AbortController();
    let finish: (value: string) => void = () => {};
    const work = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const waiting = abortable(work, controller.signal);
    const reason = new Error('Ctrl-C');
    controller.abort(reason);
    await expect(waiting).rejects.toMatchObject({ code: 'aborted', cause: reason });
    finish('still done');
    await expect(work).resolves.toBe('still done');
    await expect(abortable(work, AbortSignal.abort())).rejects.toMatchObject({ code: 'aborted' });
  });
});
