-- Sends pre-signed DescribeExportImageInfo targets (one "/?..." per line). With ONCE=1 thread t
-- reads its own file TARGETS.t (PresignedRequests ... PARTS) and sends every line once, as replay
-- protection requires: each line has its own nonce. A thread that runs out starts again, and the
-- server's refusals of the replays show up as errors. Without ONCE every thread replays the
-- whole file TARGETS from its own offset (for runs with --no-replay-protection).
local targets = {}
local index = 0
local threads = 0

function setup(thread)
   thread:set("id", threads)
   threads = threads + 1
   thread:set("offset", math.random(1, 1000))
end

function init(args)
   local once = os.getenv("ONCE") == "1"
   local file = os.getenv("TARGETS")
   if once then
      file = file .. "." .. id
   end
   for line in io.lines(file) do
      targets[#targets + 1] = line
   end
   index = once and 0 or (offset or 0)
end

function request()
   index = index % #targets + 1
   return wrk.format("GET", targets[index])
end
