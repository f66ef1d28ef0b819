import * as fs from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { promisify } from 'node:util';
import type { CliArgs } from './args.js';
import { UsageError } from './exit-codes.js';

/** The client id of the embedded demo issuer, used when none is configured. */
export const DEFAULT_CLIENT_ID = 'latch-cli';
/** The scope `latch login` asks for when none is configured. */
export const DEFAULT_SCOPE = 'openid profile email offline_access api:read';
/** The profile used when none is named. */
export const DEFAULT_PROFILE_NAME = 'default';

/** One profile of the config file. */
export interface ProfileConfig {
  /** The issuer URL. */
  readonly issuer: string;
  /** The client id. */
  readonly clientId?: string | undefined;
  /** The scope to log in with. */
  readonly scope?: string | undefined;
}

/** `$XDG_CONFIG_HOME/latch/config.json`. */
export interface ConfigFile {
  /** The profile used when none is named. */
  readonly defaultProfile?: string | undefined;
  /** The profiles by name. */
  readonly profiles?: Readonly<Record<string, ProfileConfig>> | undefined;
}

/** What a command runs with, after flags, environment and config file. */
export interface ResolvedConfig {
  /** The profile name. */
  readonly profile: string;
  /** The issuer URL, or undefined when nothing names one. */
  readonly issuer: string | undefined;
  /** The client id. */
  readonly clientId: string;
  /** The scope to log in with. */
  readonly scope: string;
  /** Where each value came from, for `--verbose`. */
  readonly sources: Readonly<Record<'profile' | 'issuer' | 'clientId', string>>;
}

/** The environment variables `latch` reads. */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Resolves the configuration: flags > environment > config file > defaults. Pure.
 * @param args - The parsed command line.
 * @param env - The environment.
 * @param file - The config file's content.
 */
export function resolveConfig(args: CliArgs, env: Env, file: ConfigFile): ResolvedConfig {
  const pick = (flag: string | undefined, envName: string, fromFile: string | undefined) =>
    flag !== undefined
      ? { value: flag, source: 'flag' }
      : nonEmpty(env[envName]) !== undefined
        ? { value: nonEmpty(env[envName]), source: envName }
        : fromFile !== undefined
          ? { value: fromFile, source: 'config file' }
          : { value: undefined, source: 'default' };
  const profile = pick(args.profile, 'LATCH_PROFILE', file.defaultProfile);
  const name = profile.value ?? DEFAULT_PROFILE_NAME;
  const saved = file.profiles?.[name];
  const issuer = pick(args.issuer, 'LATCH_ISSUER', saved?.issuer);
  const clientId = pick(args.clientId, 'LATCH_CLIENT_ID', saved?.clientId);
  return {
    profile: name,
    issuer: issuer.value,
    clientId: clientId.value ?? DEFAULT_CLIENT_ID,
    scope: args.scope ?? saved?.scope ?? DEFAULT_SCOPE,
    sources: { profile: profile.source, issuer: issuer.source, clientId: clientId.source },
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

/** The directory of `latch`'s configuration: `$XDG_CONFIG_HOME/latch` or `~/.config/latch`. */
export function configDir(env: Env): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.config');
  return join(base, 'latch');
}

/** The directory of `latch`'s locks: `$XDG_CACHE_HOME/latch/locks` or `~/.cache/latch/locks`. */
export function lockDir(env: Env): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'latch', 'locks');
}

/** Reads the config file; a missing file is an empty config. */
export async function readConfigFile(env: Env): Promise<ConfigFile> {
  const file = join(configDir(env), 'config.json');
  let text: string;
  try {
    text = await readText(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw err;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null) throw new Error('not an object');
    return parsed as ConfigFile;
  } catch {
    throw new UsageError(`${file} is not valid JSON: fix or delete it`);
  }
}

/** Records a profile in the config file (atomically), and makes it the default if none is. */
export async function saveProfile(env: Env, name: string, profile: ProfileConfig): Promise<void> {
  const file = join(configDir(env), 'config.json');
  const current = await readConfigFile(env);
  const next: ConfigFile = {
    defaultProfile: current.defaultProfile ?? name,
    profiles: { ...current.profiles, [name]: profile },
  };
  await fs.promises.mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await fs.promises.writeFile(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  await fs.promises.rename(temp, file);
}

// The callback API, promisified: every command reads the config file, and node's promise-based
// fs (loaded by fs.promises, used only to write it) costs a few milliseconds to load.
const readFileCallback = promisify(fs.readFile);
function readText(file: string): Promise<string> {
  return readFileCallback(file, 'utf8');
}
