import { ResponseTooLargeError } from './response-errors.js';
import { AbortError, NetworkError } from './transport-errors.js';

/**
 * Reads a response body into memory, stopping — and cancelling the stream, which closes the
 * connection — as soon as it passes `maxBytes`, so an endless body never fills memory. Each
 * read races `signal`, so a body trickling in byte by byte still ends at the caller's deadline.
 *
 * @param response - The response whose body to read.
 * @param maxBytes - The most bytes to accept.
 * @param signal - Cancels the read. Default: none.
 * @returns The body bytes.
 * @throws {@link ResponseTooLargeError} past `maxBytes` (or when `Content-Length` says so).
 * @throws {@link AbortError} when `signal` aborts (its reason chained).
 * @throws {@link NetworkError} when the stream breaks (e.g. the connection was reset).
 * @internal
 */
export async function readBody(
  response: Response,
  maxBytes: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await discardBody(response);
    throw tooLarge(maxBytes);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  let removeListener = (): void => {};
  const aborted = new Promise<never>((_, reject) => {
    if (!signal) return;
    const onAbort = (): void => reject(abortError(signal));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    removeListener = () => signal.removeEventListener('abort', onAbort);
  });
  aborted.catch(() => {});
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]).catch(
        (error: unknown) => {
          if (signal?.aborted) throw abortError(signal);
          throw AbortError.isInstance(error) ? error : brokenStream(error);
        },
      );
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) throw tooLarge(maxBytes);
      chunks.push(value);
    }
  } catch (error) {
    reader.cancel().catch(() => {});
    throw error;
  } finally {
    removeListener();
  }
  return concat(chunks, total);
}

/**
 * Cancels a body latch will not read, releasing its connection.
 *
 * @param response - The response to discard.
 * @internal
 */
export async function discardBody(response: Response): Promise<void> {
  await response.body?.cancel().catch(() => {});
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function tooLarge(maxBytes: number): ResponseTooLargeError {
  return new ResponseTooLargeError(
    `The response body is larger than the ${maxBytes}-byte limit; latch stopped reading it. If the server is right to send that much, raise maxResponseBytes.`,
    { maxBytes },
  );
}

function abortError(signal: AbortSignal): AbortError {
  return new AbortError('Reading the response was cancelled by the caller’s signal.', {
    cause: signal.reason,
  });
}

function brokenStream(cause: unknown): NetworkError {
  return new NetworkError(
    'The connection broke while reading the response. Check your network and retry.',
    { cause },
  );
}
