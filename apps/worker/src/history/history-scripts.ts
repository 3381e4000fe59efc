import { LuaScript } from "../redis/scripts.js";

/**
 * Appends a snapshot to a user's shared history, within the tenant's quota of users with history: a user
 * already counted (seen within the history's lifetime) always may; a new one only while the tenant has
 * room. The count is a sorted set of user ids scored by their last snapshot's time, so users whose history
 * expired stop counting at the same moment. One script: the check and the write can't be split by a race.
 * KEYS: the user's history list, the tenant's users-with-history sorted set
 * ARGV: userId, snapshot JSON, historyLength, ttlSeconds, nowMs, quota
 * → {0} over quota (nothing written), else {1, the user's newest snapshots…}
 */
export const appendSnapshotScript = new LuaScript(
  "append-snapshot",
  `
local ttl = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', tonumber(ARGV[5]) - ttl * 1000)
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) and redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[6]) then
  return {0}
end
redis.call('ZADD', KEYS[2], ARGV[5], ARGV[1])
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('LPUSH', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[3]) - 1)
redis.call('EXPIRE', KEYS[1], ttl)
local reply = redis.call('LRANGE', KEYS[1], 0, tonumber(ARGV[3]) - 1)
table.insert(reply, 1, 1)
return reply
`,
);
