import { AuthSessionManager, deviceLoginDriver, type PollResult } from '@latch/auth-session';
import type { TokenSet } from '@latch/core';

/** What the server needs to offer "Connect your account" with latch's device login. */
export interface ConnectOptions {
  /** The authorization server. */
  issuer: string;
  /** The server's registered public client id. */
  clientId: string;
  /** Stores the tokens (encrypted, per tenant…) and returns the bundle id they went to. */
  saveTokens: (tokens: TokenSet, intoBundleId?: string) => Promise<string>;
  /** Waits between token polls; tests pass a fast one. Default: real time. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** One manager per server instance; its sessions are polled and streamed by the web page. */
export function createConnections(options: ConnectOptions): AuthSessionManager {
  return new AuthSessionManager({
    providers: {
      latch: deviceLoginDriver({
        issuer: options.issuer,
        clientId: options.clientId,
        scope: 'openid email offline_access api:read',
        sleep: options.sleep,
        // The tokens go here and nowhere else: polls and transcripts never hold them.
        onTokens: (tokens, { intoBundleId }) => options.saveTokens(tokens, intoBundleId),
      }),
    },
  });
}

/**
 * GET /connections/:id/events as server-sent events: the current state, then every change;
 * the returned function ends the stream (call it when the page goes away).
 */
export async function streamConnection(
  manager: AuthSessionManager,
  id: string,
  send: (chunk: string) => void,
): Promise<() => void> {
  const event = (poll: PollResult) => send(`data: ${JSON.stringify(poll)}\n\n`);
  const unsubscribe = manager.subscribe(id, event);
  const current = await manager.poll(id);
  if (current === undefined) {
    unsubscribe();
    send('event: gone\ndata: {}\n\n');
    return () => {};
  }
  event(current);
  return unsubscribe;
}
