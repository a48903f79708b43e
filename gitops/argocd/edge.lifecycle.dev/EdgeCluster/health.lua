-- Argo CD health of an edge.lifecycle.dev EdgeCluster, from the operator's status contract.
-- Generated from api/src/test/resources/argocd/ (docs/gitops.md); do not edit: change the source, then run
-- mvn -B -Pupdate-crds -pl api -am verify.
-- A rollout (status.upgrade.phase) reads: Progressing and RollingBack are Progressing, Paused (spec.paused)
-- is Suspended, Stalled and a RolledBack that spec.profileRef still asks for are Degraded. status.upgrade
-- stays after a rollout ends, so Complete and an answered RolledBack leave the verdict to the conditions.
local hs = {}

local function verdict(status, message)
  hs.status = status
  hs.message = message
  return hs
end

local function condition(conditionType)
  if obj.status.conditions == nil then
    return nil
  end
  for _, c in ipairs(obj.status.conditions) do
    if c.type == conditionType then
      return c
    end
  end
  return nil
end

local function isTrue(c)
  return c ~= nil and c.status == "True"
end

local function describe(c, fallback)
  if c == nil or c.message == nil then
    return fallback
  end
  if c.reason == nil then
    return c.message
  end
  return c.reason .. ": " .. c.message
end

if obj.status == nil then
  return verdict("Progressing", "waiting for the operator to see the cluster")
end
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if observed == nil or (generation ~= nil and observed < generation) then
  return verdict("Progressing", "waiting for the operator to act on generation " .. tostring(generation)
    .. " (status is of generation " .. tostring(observed) .. ")")
end

if obj.metadata.deletionTimestamp ~= nil then
  return verdict("Progressing", "deleting: the operator releases the hosts with a reset plan, then lets go")
end

local ready = condition("Ready")
local stalled = condition("Stalled")
local reconciling = condition("Reconciling")
local upgrade = obj.status.upgrade

-- The rollout section: how status.upgrade reads while a rollout is under way or waits for a human.
local function progress(u)
  return tostring(u.updated or 0) .. "/" .. tostring(u.total or 0) .. " hosts on " .. tostring(u.to)
end

local function inFlight(u)
  if u.inFlight == nil or #u.inFlight == 0 then
    return ""
  end
  return "; in flight: " .. table.concat(u.inFlight, ", ")
end

local function failure(u)
  if u.failure ~= nil then
    return u.failure
  end
  return "host " .. tostring(u.failedHost) .. " failed"
end

-- Reasons with which the rollout itself stops; any other Stalled reason (a profile gone) speaks for itself.
local rolloutStops = { HostFailed = true, HostTimedOut = true, RollbackFailed = true }

if isTrue(stalled) then
  if upgrade ~= nil and upgrade.phase == "Stalled" and rolloutStops[stalled.reason] then
    return verdict("Degraded", stalled.reason .. ": rollout to " .. tostring(upgrade.to) .. " stopped at "
      .. progress(upgrade) .. ": " .. failure(upgrade) .. "; fix the host, or point spec.profileRef elsewhere")
  end
  if upgrade ~= nil and upgrade.phase == "RolledBack" and stalled.reason == "RolledBack" then
    return verdict("Degraded", "RolledBack: every host runs " .. tostring(upgrade.from) .. " again after "
      .. failure(upgrade) .. "; point spec.profileRef at a fixed version, or back at "
      .. tostring(upgrade.fromProfile))
  end
  return verdict("Degraded", describe(stalled, "the cluster needs a human"))
end
if obj.status.phase == "Failed" then
  return verdict("Degraded", describe(ready, "the cluster failed"))
end
if upgrade ~= nil and upgrade.phase == "Paused" then
  return verdict("Suspended", "rollout to " .. tostring(upgrade.to) .. " paused at " .. progress(upgrade)
    .. " (spec.paused is true): set it to false to go on")
end
if ready ~= nil and ready.reason == "UpgradePaused" then
  return verdict("Suspended", "rollout paused (spec.paused is true)")
end
if upgrade ~= nil and upgrade.phase == "Progressing" then
  return verdict("Progressing", "rollout " .. tostring(upgrade.from) .. " -> " .. tostring(upgrade.to) .. ": "
    .. progress(upgrade) .. inFlight(upgrade))
end
if upgrade ~= nil and upgrade.phase == "RollingBack" then
  return verdict("Progressing", "rolling back to " .. tostring(upgrade.from) .. " after " .. failure(upgrade)
    .. inFlight(upgrade))
end
if upgrade ~= nil and upgrade.phase == "Stalled" then
  return verdict("Degraded", "rollout to " .. tostring(upgrade.to) .. " stopped at " .. progress(upgrade) .. ": "
    .. failure(upgrade))
end
if isTrue(ready) then
  return verdict("Healthy", describe(ready, "the cluster is running"))
end
if isTrue(reconciling) then
  return verdict("Progressing", describe(reconciling, "the operator is working on the cluster"))
end
if obj.status.phase == "Deleting" then
  return verdict("Progressing", "deleting: the operator releases the hosts with a reset plan, then lets go")
end
if ready ~= nil and ready.status == "False" then
  return verdict("Degraded", describe(ready, "the cluster is not ready"))
end
return verdict("Progressing", describe(ready, "waiting for the operator to judge the cluster"))
