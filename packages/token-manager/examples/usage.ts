import { NotLoggedInError, ReauthRequiredError, TokenManager } from '@latch/token-manager';
import { EncryptedFileStore } from '@latch/tokenstore';

/** Where `mycli` logs in, and the API its `data` command calls. */
export interface MyCli {
  /** The issuer the user logged in to with `mycli login`. */
  readonly issuer: string;
  /** The API's URL. */
  readonly api: string;
  /** The resource indicator (RFC 8707) the API's tokens must be issued for. */
  readonly resource: string;
}

/** `mycli data`: calls the API with a token for it — refreshed, exchanged, retried on a 401. */
export async function dataCommand({ issuer, api, resource }: MyCli): Promise<number> {
  const store = new EncryptedFileStore({ service: 'mycli' }); // ~/.config/latch/mycli
  const manager = new TokenManager({ issuer, clientId: 'latch-cli', store });
  try {
    const call = (token: string) => fetch(api, { headers: { authorization: `Bearer ${token}` } });
    const response = await manager.withAutoRefresh(call, { resource });
    console.log(await response.text());
    return response.ok ? 0 : 1;
  } catch (error) {
    if (!NotLoggedInError.isInstance(error) && !ReauthRequiredError.isInstance(error)) throw error;
    console.error(`${error.message} Run \`mycli login\`.`);
    return 2;
  }
}
