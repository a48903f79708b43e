{{/* The chart name, or nameOverride. */}}
{{- define "edge-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of the release's objects: fullnameOverride, or <release>-<chart> unless the release already names the chart. */}}
{{- define "edge-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "edge-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "edge-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "edge-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "edge-operator.labels" -}}
helm.sh/chart: {{ include "edge-operator.chart" . }}
{{ include "edge-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: edge-lifecycle
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "edge-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "edge-operator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- required "serviceAccount.name: name the existing ServiceAccount when serviceAccount.create is false" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "edge-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* The Secret the gateway serves TLS from. */}}
{{- define "edge-operator.tlsSecretName" -}}
{{- default (printf "%s-gateway-tls" (include "edge-operator.fullname" .)) .Values.gateway.tls.secretName }}
{{- end }}

{{/* Whether the chart renders the TLS Secret from gateway.tls.cert and gateway.tls.key. */}}
{{- define "edge-operator.rendersTlsSecret" -}}
{{- if and .Values.gateway.tls.cert .Values.gateway.tls.key }}true{{- end }}
{{- end }}

{{/* More than one replica: leader election, a PodDisruptionBudget. */}}
{{- define "edge-operator.highlyAvailable" -}}
{{- if gt (int .Values.replicas) 1 }}true{{- end }}
{{- end }}

{{/* The Lease the replicas elect their leader with (fixed in the operator). */}}
{{- define "edge-operator.leaseName" -}}
edge-operator-lock
{{- end }}

{{/*
The operator's API access in the namespaces it reconciles: exactly the list of
operator/src/main/java/dev/lifecycle/edge/operator/rbac/ApiAccess.java (a test holds them equal;
the reason for each verb is written there).
*/}}
{{- define "edge-operator.reconcilerRules" -}}
- apiGroups: ["edge.lifecycle.dev"]
  resources: ["clusterprofiles", "edgeclusters"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["edge.lifecycle.dev"]
  resources: ["registrationtokens"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["edge.lifecycle.dev"]
  resources: ["edgehosts"]
  verbs: ["get", "list", "watch", "create"]
- apiGroups: ["edge.lifecycle.dev"]
  resources: ["imageregistries"]
  verbs: ["list", "watch"]
- apiGroups: ["edge.lifecycle.dev"]
  resources: ["clusterprofiles/status", "registrationtokens/status", "edgehosts/status", "edgeclusters/status",
    "imageregistries/status"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end }}

{{/*
What leader election needs, in the release namespace: create the Lease, then read and renew it
(fabric8 renews with a patch; java-operator-sdk checks for update before it starts).
*/}}
{{- define "edge-operator.leaderElectionRules" -}}
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["create"]
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  resourceNames: [{{ include "edge-operator.leaseName" . | quote }}]
  verbs: ["get", "update", "patch"]
{{- end }}
