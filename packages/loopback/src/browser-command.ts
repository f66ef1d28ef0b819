/**
 * A browser command to start, with its arguments (the URL among them).
 */
export interface BrowserCommand {
  /** The program: a name on `PATH` or a path. */
  readonly command: string;
  /** Its arguments, the URL included. */
  readonly args: readonly string[];
}

/**
 * Reads a `BROWSER` variable the way Python's `webbrowser` and `xdg-open` do: a list of
 * commands separated by `:` (`;` on Windows), tried in order; each command is split on
 * white space; `%s` in an argument is replaced by the URL (`%%` is a `%`), and when no
 * argument has `%s` the URL is added as the last one. Pure.
 *
 * @param value - The variable's value.
 * @param url - The URL to open.
 * @param platform - `process.platform`, for the list separator.
 * @returns `'none'` for `BROWSER=none`, `undefined` when unset or empty, else the commands.
 * @internal
 */
export function parseBrowserVariable(
  value: string | undefined,
  url: string,
  platform: string,
): readonly BrowserCommand[] | 'none' | undefined {
  const trimmed = value?.trim();
  if (trimmed === undefined || trimmed === '') return undefined;
  if (trimmed.toLowerCase() === 'none') return 'none';
  const commands: BrowserCommand[] = [];
  for (const entry of trimmed.split(platform === 'win32' ? ';' : ':')) {
    const [command, ...rest] = entry.trim().split(/\s+/);
    if (command === undefined || command === '') continue;
    const placeholder = rest.some((arg) => arg.includes('%s'));
    const args = rest.map((arg) => arg.replace(/%[s%]/g, (m) => (m === '%s' ? url : '%')));
    commands.push({ command, args: placeholder ? args : [...args, url] });
  }
  return commands.length === 0 ? undefined : commands;
}
