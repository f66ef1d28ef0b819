import type { IncomingMessage } from 'node:http';

/** The largest form body the interaction pages accept; a login form is a few hundred bytes. */
export const MAX_FORM_BYTES = 16 * 1024;

/**
 * Reads an `application/x-www-form-urlencoded` request body.
 *
 * @throws Error with `status` 415 for another content type, 413 when the body exceeds
 *   {@link MAX_FORM_BYTES}.
 */
export async function readFormBody(req: IncomingMessage): Promise<URLSearchParams> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    throw Object.assign(new Error('expected an application/x-www-form-urlencoded form'), {
      status: 415,
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_FORM_BYTES) {
      throw Object.assign(new Error('form body too large'), { status: 413 });
    }
    chunks.push(buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
