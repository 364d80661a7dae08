-- Presence.onlineAmong: for each user's presence set (KEYS, in order), how many of its connections
-- have not expired at ARGV[1] (epoch milliseconds): their score, the moment they stop counting, is
-- later. One round trip however many users are asked about.
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('ZCOUNT', key, '(' .. ARGV[1], '+inf')
end
return counts
