// Runs one KeyringStore operation in a fresh process and prints the outcome as JSON.
// Usage: node keyring-child.mjs <save|load|delete> <service> <account> [optionsJson] [tokensJson]
import { KeyringStore } from '../../../dist/index.js';

const [command, service, account, optionsJson, tokensJson] = process.argv.slice(2);
const store = new KeyringStore({ service, ...JSON.parse(optionsJson ?? '{}') });
try {
  if (command === 'save') await store.save(account, JSON.parse(tokensJson));
  if (command === 'delete') await store.delete(account);
  const tokens = command === 'load' ? await store.load(account) : undefined;
  console.log(JSON.stringify({ ok: true, tokens: tokens ?? null }));
} catch (error) {
  const { name, code, reason, message } = error;
  console.log(JSON.stringify({ ok: false, error: { name, code, reason, message } }));
}
