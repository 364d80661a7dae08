-- One token bucket per caller and route, taken from atomically (Redis runs a script alone).
-- KEYS[1]  the bucket: a hash {tokens, at} (at: milliseconds, Redis' own clock)
-- ARGV[1]  burst: the bucket's capacity
-- ARGV[2]  refill rate, tokens per second
-- Returns {allowed (1|0), tokens left (floor), milliseconds until one token is back (0 if allowed)}.
-- Redis' clock, not the gateways': every replica sees the same time.
local burst = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2]) / 1000
local clock = redis.call('TIME')
local now = clock[1] * 1000 + math.floor(clock[2] / 1000)

local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)

local allowed = 0
local wait_ms = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait_ms = math.ceil((1 - tokens) / per_ms)
end

redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
-- a bucket left alone refills completely: after that it is the same as no bucket
redis.call('PEXPIRE', KEYS[1], math.ceil(burst / per_ms) + 1000)
return {allowed, math.floor(tokens), wait_ms}
