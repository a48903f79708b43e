-- Argo CD health of an edge.lifecycle.dev RegistrationToken, from the operator's status contract.
-- Generated from api/src/test/resources/argocd/ (docs/gitops.md); do not edit: change the source, then run
-- mvn -B -Pupdate-crds -pl api -am verify.
-- An Expired, Revoked or Exhausted token is Healthy: it did its job and the hosts it registered keep
-- working; only a token the operator cannot serve (Stalled) is Degraded. The message says it registers no more hosts.
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
  return verdict("Progressing", "waiting for the operator to issue the token")
end
local generation = obj.metadata.generation
local observed = obj.status.observedGeneration
if observed == nil or (generation ~= nil and observed < generation) then
  return verdict("Progressing", "waiting for the operator to act on generation " .. tostring(generation)
    .. " (status is of generation " .. tostring(observed) .. ")")
end

local ready = condition("Ready")
local stalled = condition("Stalled")
local reconciling = condition("Reconciling")
local phase = obj.status.phase
if isTrue(stalled) then
  return verdict("Degraded", describe(stalled, "the operator cannot serve the token"))
end
if isTrue(reconciling) then
  return verdict("Progressing", describe(reconciling, "the operator is working on the token"))
end
if phase == "Expired" or phase == "Revoked" or phase == "Exhausted" then
  return verdict("Healthy", phase .. ", registers no more hosts: " .. describe(ready, "the token is " .. phase))
end
if isTrue(ready) then
  return verdict("Healthy", describe(ready, "the token registers hosts"))
end
return verdict("Progressing", describe(ready, "waiting for the operator to issue the token"))
