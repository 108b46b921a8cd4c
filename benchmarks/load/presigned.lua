-- Replays pre-signed DescribeExportImageInfo targets, one after another, from the file in
-- the environment variable TARGETS (one "/?..." per line). Each thread starts at its own offset.
local targets = {}
local index = 0

function setup(thread)
   thread:set("offset", math.random(1, 1000))
end

function init(args)
   for line in io.lines(os.getenv("TARGETS")) do
      targets[#targets + 1] = line
   end
   index = offset or 0
end

function request()
   index = index % #targets + 1
   return wrk.format("GET", targets[index])
end
