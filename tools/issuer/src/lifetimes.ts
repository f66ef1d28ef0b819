/** One hour, the default access token lifetime. */
const HOUR = 60 * 60;
/** Fourteen days, the default refresh token lifetime. */
const FOURTEEN_DAYS = 14 * 24 * HOUR;

/**
 * Token lifetimes in seconds. Each is a positive whole number of seconds.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.1 (`expires_in`)
 */
export interface TtlSettings {
  /** Access tokens from the code, refresh and device grants. Default 3600. */
  readonly accessToken: number;
  /** Refresh tokens (each rotation gets a fresh lifetime). Default 14 days. */
  readonly refreshToken: number;
  /** Device codes (RFC 8628 `expires_in`). Default 600. */
  readonly deviceCode: number;
  /** Access tokens minted by token exchange (RFC 8693). Default: follows `accessToken`. */
  readonly exchangedToken: number;
}

/** A change to some of the lifetimes; the ones left out keep their value. */
export type TtlUpdate = Partial<TtlSettings>;

/** The lifetimes a new issuer starts with. */
export const DEFAULT_TTL: TtlSettings = Object.freeze({
  accessToken: HOUR,
  refreshToken: FOURTEEN_DAYS,
  deviceCode: 10 * 60,
  exchangedToken: HOUR,
});

/**
 * The issuer's current token lifetimes. oidc-provider's `ttl` functions read from here on every
 * token they mint, so {@link TokenLifetimes.update} takes effect for the next token without a
 * restart. Until `exchangedToken` is set explicitly it follows `accessToken`.
 *
 * @throws TypeError from the constructor and `update` when a value is not a positive safe integer.
 * @example
 * ```ts
 * const ttl = new TokenLifetimes({ accessToken: 1 });
 * ttl.current.exchangedToken; // 1
 * ```
 */
export class TokenLifetimes {
  #accessToken: number;
  #refreshToken: number;
  #deviceCode: number;
  #exchangedToken: number | undefined;

  constructor(initial: TtlUpdate = {}) {
    this.#accessToken = DEFAULT_TTL.accessToken;
    this.#refreshToken = DEFAULT_TTL.refreshToken;
    this.#deviceCode = DEFAULT_TTL.deviceCode;
    this.#exchangedToken = undefined;
    this.update(initial);
  }

  /** Changes the given lifetimes; validates all of them before changing any. */
  update(update: TtlUpdate): void {
    for (const [name, value] of Object.entries(update)) {
      if (value === undefined) continue;
      if (!(name in DEFAULT_TTL)) {
        throw new TypeError(
          `unknown token lifetime "${name}"; use accessToken, refreshToken, deviceCode or exchangedToken`,
        );
      }
      assertSeconds(name, value);
    }
    if (update.accessToken !== undefined) this.#accessToken = update.accessToken;
    if (update.refreshToken !== undefined) this.#refreshToken = update.refreshToken;
    if (update.deviceCode !== undefined) this.#deviceCode = update.deviceCode;
    if (update.exchangedToken !== undefined) this.#exchangedToken = update.exchangedToken;
  }

  /** The lifetimes in force right now. */
  get current(): TtlSettings {
    return {
      accessToken: this.#accessToken,
      refreshToken: this.#refreshToken,
      deviceCode: this.#deviceCode,
      exchangedToken: this.#exchangedToken ?? this.#accessToken,
    };
  }
}

function assertSeconds(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `token lifetime "${name}" must be a positive whole number of seconds, got ${String(value)}`,
    );
  }
}
