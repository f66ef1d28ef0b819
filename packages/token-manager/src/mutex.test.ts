import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.js';

describe('Mutex', () => {
  it('runs sections one at a time, in the order they asked', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const section = async (name: string) => {
      const release = await mutex.lock();
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(`${name} out`);
      release();
    };
    await Promise.all([section('a'), section('b'), section('c')]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });

  it('lets a waiter give up on its signal without blocking those behind it', async () => {
    const mutex = new Mutex();
    const first = await mutex.lock();
    const controller = new AbortController();
    const quitter = mutex.lock(controller.signal);
    const patient = mutex.lock();
    controller.abort();
    await expect(quitter).rejects.toMatchObject({ code: 'aborted' });
    first();
    const release = await patient;
    release();
  });
});
