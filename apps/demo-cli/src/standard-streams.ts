import { writeSync } from 'node:fs';
import type { Writable } from './output.js';

/**
 * stdout or stderr of this process, without building node's stream for it until something
 * needs one: stdout's text is written straight to the descriptor. Node's streams over a pipe
 * load its net and stream modules, a few milliseconds of every `$(latch token)`; anything else
 * (`isTTY`, a spinner's cursor, `columns`, events) goes to the stream.
 *
 * @param fd - 1 (stdout) or 2 (stderr).
 * @returns A {@link Writable} that is also, for whatever else is asked of it, the stream.
 */
export function standardStream(fd: 1 | 2): Writable {
  const stream = (): NodeJS.WriteStream => (fd === 1 ? process.stdout : process.stderr);
  let opened = false;
  const write = (text: string): boolean => {
    if (!opened && fd === 1) {
      try {
        writeSync(fd, text); // a pipe's reader takes what `latch token` prints at once
        return true;
      } catch {
        // EAGAIN on a non-blocking pipe, or anything else: the stream queues it.
      }
    }
    opened = true;
    return stream().write(text);
  };
  return new Proxy({} as Writable, {
    get(_, property) {
      if (property === 'write') return write;
      opened = true;
      const real = stream();
      const value = Reflect.get(real, property, real);
      return typeof value === 'function' ? value.bind(real) : value;
    },
  });
}
