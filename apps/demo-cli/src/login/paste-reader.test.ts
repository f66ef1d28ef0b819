import { PassThrough } from 'node:stream';
import { CallbackRejectedError } from '@latch/loopback';
import { rejectionOf } from '@latch/test-support';
import { describe, expect, it } from 'vitest';
import { createPasteReader } from './paste-reader.js';

const rejection = () => new CallbackRejectedError({ reason: 'state_mismatch' });

describe('createPasteReader', () => {
  it('reads one non-empty, trimmed line per paste, including lines pasted early', async () => {
    const input = new PassThrough();
    const reader = createPasteReader(input, { interactive: false, prompt: () => {} });
    const signal = new AbortController().signal;
    const first = reader.read({ signal });
    input.write('\n  http://127.0.0.1:1/callback?a=1  \nhttp://127.0.0.1:1/callback?a=2\n');
    expect(await first).toBe('http://127.0.0.1:1/callback?a=1');
    expect(await reader.read({ signal })).toBe('http://127.0.0.1:1/callback?a=2');
    reader.close();
  });

  it('from a pipe, ends the login on a refused paste: nobody is there to paste again', async () => {
    const reader = createPasteReader(new PassThrough(), { interactive: false, prompt: () => {} });
    const refused = rejection();
    const signal = new AbortController().signal;
    expect(await rejectionOf(reader.read({ signal, rejected: refused }))).toBe(refused);
  });

  it('on a terminal, explains a refused paste and reads again', async () => {
    const input = new PassThrough();
    const prompts: string[] = [];
    const reader = createPasteReader(input, { interactive: true, prompt: (l) => prompts.push(l) });
    const again = reader.read({ signal: new AbortController().signal, rejected: rejection() });
    input.write('http://127.0.0.1:1/callback?code=x\n');
    expect(await again).toBe('http://127.0.0.1:1/callback?code=x');
    expect(prompts).toEqual([rejection().message, 'Paste the address again, then press Enter:']);
    reader.close();
  });

  it('stops waiting when the login ends another way (its signal), also at end of input', async () => {
    const input = new PassThrough();
    const reader = createPasteReader(input, { interactive: false, prompt: () => {} });
    const controller = new AbortController();
    const pending = reader.read({ signal: controller.signal });
    input.end();
    controller.abort(new Error('the loopback redirect came first'));
    expect(await rejectionOf(pending)).toMatchObject({
      message: 'the loopback redirect came first',
    });
    reader.close();
  });
});
