import { createHash } from 'node:crypto';

/**
 * The Lua scripts of `RedisStore`. Each runs atomically on the server, so check-then-write
 * steps (put only when the id is free, complete only when the namespace matches) cannot
 * interleave with another instance's.
 *
 * Layout: an entry is a hash `{prefix}:p:<id>` with fields `ns` (namespace), `exp` (expiresAt,
 * epoch ms) and `v` (the pending as JSON), with a PX TTL; a namespace's index is a sorted set
 * `{prefix}:ns:<namespace>` of ids scored by expiresAt, whose own TTL follows its
 * latest-expiring member. Times come from the caller's clock (ARGV), never Redis's, so every
 * instance and every test clock agrees on what has expired.
 *
 * @internal
 */

/** A Lua script and its SHA-1, for EVALSHA with an EVAL fallback. */
export interface RedisScript {
  readonly source: string;
  readonly sha1: string;
}

function script(source: string): RedisScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * KEYS: entry, index. ARGV: namespace, expiresAt, json, now, id.
 * Returns 1 when written, 0 when a live entry already holds the id.
 */
export const PUT = script(`
local exp = redis.call('HGET', KEYS[1], 'exp')
if exp and tonumber(exp) > tonumber(ARGV[4]) then return 0 end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'ns', ARGV[1], 'exp', ARGV[2], 'v', ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) - tonumber(ARGV[4]))
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[4])
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
local last = redis.call('ZRANGE', KEYS[2], -1, -1, 'WITHSCORES')
redis.call('PEXPIRE', KEYS[2], math.max(1, tonumber(last[2]) - tonumber(ARGV[4])))
return 1
`);

/**
 * KEYS: entry. ARGV: now, namespace (absent for an unscoped lookup).
 * Returns the JSON of a live entry (of that namespace), or nil.
 */
export const GET = script(`
local r = redis.call('HMGET', KEYS[1], 'ns', 'exp', 'v')
if not r[1] or not r[3] then return false end
if tonumber(r[2]) <= tonumber(ARGV[1]) then return false end
if ARGV[2] and r[1] ~= ARGV[2] then return false end
return r[3]
`);

/**
 * KEYS: entry, index. ARGV: now, namespace, id.
 * Check-and-remove: deletes an entry of that namespace and returns its JSON if it was live;
 * nil otherwise. Exactly one of any number of concurrent calls gets the JSON.
 */
export const TAKE = script(`
local r = redis.call('HMGET', KEYS[1], 'ns', 'exp', 'v')
if not r[1] or r[1] ~= ARGV[2] then return false end
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[2], ARGV[3])
if not r[3] or tonumber(r[2]) <= tonumber(ARGV[1]) then return false end
return r[3]
`);

/**
 * KEYS: index. ARGV: now.
 * Drops expired ids from the index and returns the rest, earliest expiry first.
 */
export const INDEX = script(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
return redis.call('ZRANGE', KEYS[1], 0, -1)
`);

/**
 * KEYS: index, entry 1…n. ARGV: now, namespace, id 1…n.
 * Returns the JSON of the live entries of that namespace; drops the other ids from the index.
 */
export const READ_MANY = script(`
local out = {}
for i = 2, #KEYS do
  local r = redis.call('HMGET', KEYS[i], 'ns', 'exp', 'v')
  if r[1] == ARGV[2] and r[3] and tonumber(r[2]) > tonumber(ARGV[1]) then
    out[#out + 1] = r[3]
  else
    redis.call('ZREM', KEYS[1], ARGV[i + 1])
  end
end
return out
`);

/**
 * KEYS: index, entry 1…n. ARGV: now, namespace, id 1…n.
 * Deletes the entries of that namespace, drops the ids from the index, and returns the ids of
 * the entries that were live.
 */
export const CLEAR_MANY = script(`
local out = {}
for i = 2, #KEYS do
  local r = redis.call('HMGET', KEYS[i], 'ns', 'exp')
  if r[1] == ARGV[2] then
    redis.call('DEL', KEYS[i])
    if tonumber(r[2]) > tonumber(ARGV[1]) then out[#out + 1] = ARGV[i + 1] end
  end
  redis.call('ZREM', KEYS[1], ARGV[i + 1])
end
return out
`);
