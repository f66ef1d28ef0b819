import { createInterface, type Interface } from 'node:readline';
import type { ReadPastedUrl } from '@latch/loopback';

/** Reads pasted redirect URLs, one a line, for `browserLogin`'s paste-back. */
export interface PasteReader {
  /** The `readPastedUrl` hook. */
  readonly read: ReadPastedUrl;
  /** Stops reading (lets the process exit). Idempotent. */
  close(): void;
}

/** Options of {@link createPasteReader}. */
export interface PasteReaderOptions {
  /**
   * Whether a person types (stdin is a terminal): a refused paste is explained and read again.
   * From a pipe, a refused paste ends the login: nobody is there to paste another.
   */
  readonly interactive: boolean;
  /** Shows a prompt line (on stderr). */
  readonly prompt: (line: string) => void;
}

/**
 * Reads the address the browser ended on from `input`, one non-empty line per paste. Nothing
 * is read until the hook is first called; at the end of input it waits for the loopback
 * redirect instead (until its signal ends the wait).
 * @param input - Usually `process.stdin`.
 * @param options - Whether a person types, and where prompts go.
 */
export function createPasteReader(
  input: NodeJS.ReadableStream,
  options: PasteReaderOptions,
): PasteReader {
  let lines: Interface | undefined;
  const queue: string[] = [];
  let waiter: ((line: string) => void) | undefined;
  const start = () => {
    if (lines !== undefined) return;
    lines = createInterface({ input, terminal: false, crlfDelay: Number.POSITIVE_INFINITY });
    lines.on('line', (line) => {
      const text = line.trim();
      if (text === '') return;
      const take = waiter;
      waiter = undefined;
      if (take === undefined) queue.push(text);
      else take(text);
    });
  };
  const read: ReadPastedUrl = async ({ signal, rejected }) => {
    if (rejected !== undefined) {
      if (!options.interactive) throw rejected;
      options.prompt(rejected.message);
      options.prompt('Paste the address again, then press Enter:');
    }
    start();
    const next = queue.shift();
    if (next !== undefined) return next;
    return new Promise<string>((resolve, reject) => {
      const onAbort = () => {
        waiter = undefined;
        reject(signal.reason);
      };
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      waiter = (line) => {
        signal.removeEventListener('abort', onAbort);
        resolve(line);
      };
    });
  };
  return {
    read,
    close() {
      lines?.close();
      lines = undefined;
    },
  };
}
