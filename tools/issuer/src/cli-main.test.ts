import { describe, expect, it } from 'vitest';
import { parseCliArguments, runCli } from './cli-main.js';

describe('parseCliArguments', () => {
  it('reads --port N and --port=N, default 0', () => {
    expect(parseCliArguments([])).toEqual({ port: 0, help: false });
    expect(parseCliArguments(['--port', '9000'])).toEqual({ port: 9000, help: false });
    expect(parseCliArguments(['--port=0'])).toEqual({ port: 0, help: false });
    expect(parseCliArguments(['--', '--port', '9000'])).toEqual({ port: 9000, help: false });
    expect(parseCliArguments(['-h']).help).toBe(true);
  });

  it('rejects bad ports and unknown flags with TypeError', () => {
    expect(() => parseCliArguments(['--port'])).toThrow(TypeError);
    expect(() => parseCliArguments(['--port', '70000'])).toThrow(/0 to 65535/);
    expect(() => parseCliArguments(['--port', 'x'])).toThrow(TypeError);
    expect(() => parseCliArguments(['--verbose'])).toThrow(/unknown argument/);
  });
});

describe('runCli', () => {
  it('starts the issuer, prints URL, client id and demo credentials, and stops on signal', async () => {
    const out: string[] = [];
    let stop: () => void = () => {};
    const stopped = new Promise<void>((resolve) => {
      stop = resolve;
    });
    const running = runCli(['--port', '0'], {
      stdout: (text) => out.push(text),
      stderr: (text) => out.push(text),
      stopped,
    });
    await expect.poll(() => out.join(''), { timeout: 5_000 }).toContain('Press Ctrl-C');
    const banner = out.join('');
    const url = /issuer: +(http:\/\/127\.0\.0\.1:\d+)\n/.exec(banner)?.[1];
    expect(url).toBeDefined();
    expect(banner).toContain('client id: latch-cli');
    expect(banner).toContain('demo user: demo / demo');
    expect((await fetch(`${url}/.well-known/openid-configuration`)).status).toBe(200);

    stop();
    expect(await running).toBe(0);
    expect(out.join('')).toContain('latch issuer stopped');
    await expect(fetch(`${url}/jwks`)).rejects.toThrow();
  });

  it('exits 2 with usage on bad arguments, 0 on --help', async () => {
    const out: string[] = [];
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      stopped: Promise.resolve(),
    };
    expect(await runCli(['--nope'], io)).toBe(2);
    expect(out.join('')).toContain('Usage: issuer');
    expect(await runCli(['--help'], io)).toBe(0);
  });
});
