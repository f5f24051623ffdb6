-- The test's own Argo CD health check for Gauge: obj in, hs out.
local hs = { status = "Progressing", message = "waiting for the gauge to settle" }
if obj.status ~= nil and obj.status.phase == "Ready" then
  hs.status = "Healthy"
  hs.message = "gauge reads " .. tostring(obj.status.reading)
elseif obj.status ~= nil and obj.status.phase == "Broken" then
  hs.status = "Degraded"
  hs.message = "gauge is broken: " .. obj.status.reason
end
return hs
