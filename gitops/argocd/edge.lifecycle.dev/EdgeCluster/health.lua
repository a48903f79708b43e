-- Argo CD health of an edge.lifecycle.dev EdgeCluster, from the operator's status contract.
-- Source of truth: gitops/argocd/edge.lifecycle.dev/EdgeCluster/health.lua (copied verbatim into argocd-cm.yaml).
-- A rollout stopped by spec.paused is Suspended; a rollout stopped by a failure (Stalled) is Degraded.
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
if isTrue(stalled) then
  return verdict("Degraded", describe(stalled, "the cluster needs a human"))
end
if obj.status.phase == "Failed" then
  return verdict("Degraded", describe(ready, "the cluster failed"))
end
if (upgrade ~= nil and upgrade.phase == "Paused") or (ready ~= nil and ready.reason == "UpgradePaused") then
  local paused = "rollout paused (spec.paused is true)"
  if upgrade ~= nil and upgrade.to ~= nil then
    paused = "rollout to " .. upgrade.to .. " paused at " .. tostring(upgrade.updated or 0) .. "/"
      .. tostring(upgrade.total or 0) .. " hosts (spec.paused is true)"
  end
  return verdict("Suspended", paused)
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
