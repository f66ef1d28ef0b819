import { CorruptStoreError, type CorruptStoreReason } from './errors.js';
import { readIfExists } from './file-io.js';
import { openSealedFile, parseSealedHeader, type SealedHeader } from './sealed-file.js';
import { parseStoreDocument, type StoreAccounts } from './store-document.js';
import { readKeyFile } from './store-key-material.js';

/** Where a store's files are and how its key is obtained. */
export interface StoreFiles {
  /** The encrypted data file. */
  readonly file: string;
  /** The key file, when the store is keyed by one. */
  readonly keyFile: string | undefined;
  /** Derives the key of a passphrase file from its header; absent when keyed by the key file. */
  readonly passphraseKey:
    | ((header: SealedHeader & { kind: 'passphrase' }) => Promise<Buffer>)
    | undefined;
}

/** A store file's content once read and decrypted. */
export interface OpenedStore {
  /** Every account in the file (empty when there is no file). */
  readonly accounts: StoreAccounts;
  /** The key the file was sealed with, reusable to seal its next version. */
  readonly key: Buffer | undefined;
  /** The file's header, when there is a file. */
  readonly header: SealedHeader | undefined;
}

/**
 * The error for an unreadable store file: it names the file and the way out, never the
 * content.
 *
 * @internal
 */
export function corruptFile(
  file: string,
  reason: CorruptStoreReason,
  detail: string,
  wayOut = `Delete ${file} and log in again.`,
): CorruptStoreError {
  return new CorruptStoreError(`Cannot read the token store ${file}: ${detail}. ${wayOut}`, {
    location: file,
    reason,
  });
}

/**
 * Reads, checks and decrypts a store file. A missing file is an empty store.
 *
 * @throws {@link CorruptStoreError} for a file that is there but cannot be read back.
 * @internal
 */
export async function readStoreFile(files: StoreFiles): Promise<OpenedStore> {
  const { file, keyFile, passphraseKey } = files;
  // Both small files are read at once; the key file only matters when the data file exists.
  const keyRead = keyFile === undefined ? undefined : readKeyFile(keyFile, file);
  keyRead?.catch(() => undefined);
  const bytes = await readIfExists(file);
  if (bytes === undefined) return { accounts: new Map(), key: undefined, header: undefined };
  const header = parseSealedHeader(bytes);
  if (!header.ok) throw corruptFile(file, header.reason, header.detail);

  let key: Buffer | undefined;
  if (header.value.kind === 'passphrase') {
    if (passphraseKey === undefined) {
      throw corruptFile(
        file,
        'wrong_key',
        'it is sealed with a passphrase, and none was given',
        `Pass the passphrase, or delete ${file} and log in again.`,
      );
    }
    key = await passphraseKey(header.value);
  } else {
    if (keyFile === undefined) {
      throw corruptFile(
        file,
        'wrong_key',
        'it is sealed with a key file, not with a passphrase',
        `Open it without a passphrase, or delete ${file} and log in again.`,
      );
    }
    key = await keyRead;
    if (key === undefined) {
      throw corruptFile(
        file,
        'wrong_key',
        `its key file ${keyFile} is missing`,
        `Delete ${file} and log in again.`,
      );
    }
  }

  const opened = openSealedFile(bytes, header.value, key);
  if (!opened.ok) {
    const wayOut =
      opened.reason === 'wrong_key' && header.value.kind === 'passphrase'
        ? `Check the passphrase, or delete ${file} and log in again.`
        : undefined;
    throw corruptFile(file, opened.reason, `${opened.detail}`, wayOut);
  }
  const document = parseStoreDocument(opened.value);
  opened.value.fill(0);
  if (!document.ok) throw corruptFile(file, document.reason, document.detail);
  return { accounts: document.value, key, header: header.value };
}
