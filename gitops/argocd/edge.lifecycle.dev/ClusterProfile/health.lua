-- Argo CD health of an edge.lifecycle.dev ClusterProfile, from the operator's status contract.
-- Generated from api/src/test/resources/argocd/ (docs/gitops.md); do not edit: change the source, then run
-- mvn -B -Pupdate-crds -pl api -am verify.
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
  return verdict("Progressing", "waiting for the operator to check the profile")
end
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if observed == nil or (generation ~= nil and observed < generation) then
  return verdict("Progressing", "waiting for the operator to check generation " .. tostring(generation)
    .. " (status is of generation " .. tostring(observed) .. ")")
end

local ready = condition("Ready")
local stalled = condition("Stalled")
if isTrue(stalled) then
  return verdict("Degraded", describe(stalled, "the profile is invalid"))
end
if isTrue(ready) then
  return verdict("Healthy", describe(ready, "the profile is valid"))
end
if isTrue(condition("Reconciling")) then
  return verdict("Progressing", describe(condition("Reconciling"), "the operator is working on the profile"))
end
if obj.status.phase == "Invalid" then
  return verdict("Degraded", describe(ready, "the profile is invalid"))
end
return verdict("Progressing", describe(ready, "waiting for the operator to check the profile"))
