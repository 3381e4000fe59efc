import { LuaScript } from "../redis/scripts.js";

/*
 * The writes that must be atomic. Each script touches only keys under one hash tag, all declared in
 * KEYS (state sets are passed in the order of core's ProvisioningStateSchema), so it runs unchanged on
 * Redis Cluster. A record's version is the first element of its encoded array.
 */

/**
 * Starts tracking unless a live record exists (then returns it unchanged): 100 concurrent calls for one
 * number make one record and one due entry. A final record (FAILED, CANCELLED) is replaced: SMS was
 * enabled again. The new record arrives encoded with version 0, and gets the next version here.
 * A number the tenant never tracked is refused while the tenant keeps `quota` records or more.
 * KEYS: records, due, state sets...  ARGV: number, encoded, dueMember, dueScore, newState, finalStates (csv), quota ('' = none)
 * → {1, encoded} when it started tracking, {0, encoded} when a live record was there, {-1} over quota.
 */
export const startTrackingScript = new LuaScript(
  "start-tracking",
  `
local current = redis.call('HGET', KEYS[1], ARGV[1])
local version = 0
if not current and ARGV[7] ~= '' and redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[7]) then return {-1} end
if current then
  local state = tonumber(string.match(current, '^%[%d+,(%d+),'))
  local live = true
  for final in string.gmatch(ARGV[6], '%d+') do
    if tonumber(final) == state then live = false end
  end
  if live then return {0, current} end
  version = tonumber(string.match(current, '^%[(%d+),'))
  redis.call('SREM', KEYS[3 + state], ARGV[1])
end
local encoded = '[' .. (version + 1) .. string.sub(ARGV[2], 3)
redis.call('HSET', KEYS[1], ARGV[1], encoded)
redis.call('SADD', KEYS[3 + tonumber(ARGV[5])], ARGV[1])
redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3])
return {1, encoded}
`,
);

/**
 * Compare-and-set of one record with everything that goes with it: the state index, the due set,
 * and one stream entry per transition. Only applies when the stored version is the one the caller
 * read, so a check re-delivered after a crash (which re-reads the record) or racing a cancel can never
 * write a transition twice.
 * KEYS: records, due, transitions stream, state sets...
 * ARGV: number, expectedVersion, encoded, dueMember, dueScore ('' = not due any more), oldState,
 *       newState, streamMaxLen, events (JSON, one stream entry each)...
 * → 1 written, 0 version moved on (re-read and retry), -1 record gone
 */
export const commitRecordScript = new LuaScript(
  "commit-record",
  `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return -1 end
if tonumber(string.match(current, '^%[(%d+),')) ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[5] == '' then
  redis.call('ZREM', KEYS[2], ARGV[4])
else
  redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
end
if ARGV[6] ~= ARGV[7] then
  redis.call('SREM', KEYS[4 + tonumber(ARGV[6])], ARGV[1])
  redis.call('SADD', KEYS[4 + tonumber(ARGV[7])], ARGV[1])
end
for i = 9, #ARGV do
  redis.call('XADD', KEYS[3], 'MAXLEN', '~', ARGV[8], '*', 'event', ARGV[i])
end
return 1
`,
);

/**
 * Claims up to `limit` numbers due by `now`, leasing each until `leaseUntil`: when the check that
 * the claim starts never finishes (its job lost with Redis's memory, say), the number falls due again.
 * KEYS: due  ARGV: now, limit, leaseUntil  → members claimed
 */
export const claimDueScript = new LuaScript(
  "claim-due",
  `
local members = redis.call('ZRANGE', KEYS[1], '-inf', ARGV[1], 'BYSCORE', 'LIMIT', 0, ARGV[2])
for _, member in ipairs(members) do
  redis.call('ZADD', KEYS[1], 'XX', ARGV[3], member)
end
return members
`,
);
