import { describe, expect, it } from 'vitest';
import { parseBrowserVariable } from './browser-command.js';

const URL_ = 'https://as.example/authorize?a=1';

describe('parseBrowserVariable', () => {
  it('is undefined when unset or blank, and none for BROWSER=none', () => {
    expect(parseBrowserVariable(undefined, URL_, 'linux')).toBeUndefined();
    expect(parseBrowserVariable('  ', URL_, 'linux')).toBeUndefined();
    expect(parseBrowserVariable('None', URL_, 'linux')).toBe('none');
  });

  it('appends the URL, or puts it where %s is', () => {
    expect(parseBrowserVariable('firefox', URL_, 'linux')).toEqual([
      { command: 'firefox', args: [URL_] },
    ]);
    expect(parseBrowserVariable('chromium --new-window %s', URL_, 'linux')).toEqual([
      { command: 'chromium', args: ['--new-window', URL_] },
    ]);
    expect(parseBrowserVariable('echo 100%% --url=%s', URL_, 'linux')).toEqual([
      { command: 'echo', args: ['100%', `--url=${URL_}`] },
    ]);
  });

  it('splits the list on : (; on Windows) and skips empty entries', () => {
    expect(parseBrowserVariable('missing::w3m', URL_, 'linux')).toEqual([
      { command: 'missing', args: [URL_] },
      { command: 'w3m', args: [URL_] },
    ]);
    expect(parseBrowserVariable('C:\\b\\chrome.exe;edge', URL_, 'win32')).toEqual([
      { command: 'C:\\b\\chrome.exe', args: [URL_] },
      { command: 'edge', args: [URL_] },
    ]);
  });
});
