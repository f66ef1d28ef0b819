import { describe, expect, it } from 'vitest';
import { NamespaceContext } from './namespace-context.js';

describe('NamespaceContext', () => {
  it('answers the namespace of the innermost run, across awaits, and none outside', async () => {
    const namespaces = new NamespaceContext();
    const { provider } = namespaces;
    expect(provider()).toBeUndefined();
    const seen = await namespaces.run('a', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      const inner = namespaces.run('b', () => provider());
      await Promise.resolve();
      return [provider(), inner, namespaces.current()];
    });
    expect(seen).toEqual(['a', 'b', 'a']);
    expect(namespaces.current()).toBeUndefined();
  });

  it('keeps concurrent runs apart', async () => {
    const namespaces = new NamespaceContext();
    const results = await Promise.all(
      ['a', 'b', 'c'].map((ns, i) =>
        namespaces.run(ns, async () => {
          await new Promise((resolve) => setTimeout(resolve, 3 - i));
          return namespaces.provider();
        }),
      ),
    );
    expect(results).toEqual(['a', 'b', 'c']);
  });

  it('keeps two contexts apart', () => {
    const one = new NamespaceContext();
    const two = new NamespaceContext();
    expect(one.run('a', () => two.current())).toBeUndefined();
  });

  it('rejects an empty or oversized namespace with a TypeError', () => {
    const namespaces = new NamespaceContext();
    for (const bad of ['', 'x'.repeat(513), 7]) {
      expect(() => namespaces.run(bad as never, () => 0)).toThrow(TypeError);
    }
  });
});
