{{/* Names and shared blocks of the nlds-db chart. */}}

{{- define "nlds-db.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "nlds-db.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{/* The service's pods; the migration Job's pods are component "migration", outside the Service. */}}
{{- define "nlds-db.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: server
{{- end -}}

{{- define "nlds-db.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "nlds-db.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets -}}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end -}}
{{- end -}}

{{/* Whether the chart makes the credentials Secret (PostgreSQL without an existing Secret). */}}
{{- define "nlds-db.makesSecret" -}}
{{- if and (eq .Values.database.type "postgresql") (not .Values.database.credentials.existingSecret) -}}true{{- end -}}
{{- end -}}

{{/* The migration runs as a Helm hook (job mode with migration.job.hook). */}}
{{- define "nlds-db.hookJob" -}}
{{- if and (eq .Values.migration.mode "job") .Values.migration.job.hook -}}true{{- end -}}
{{- end -}}

{{/*
Checksums of what the pods read from the chart's own ConfigMap and Secret, so that a change to
either rolls the pods (Kubernetes does not restart pods when they change). An existingSecret is
outside the chart: restart the Deployment after changing it.
*/}}
{{- define "nlds-db.checksums" -}}
checksum/config: {{ include (print .Template.BasePath "/configmap.yaml") . | sha256sum }}
{{- if include "nlds-db.makesSecret" . }}
checksum/secret: {{ include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end -}}

{{/*
The plain (non-hook) migration Job's name: a Job's pod template cannot change, so each image and
setting gets its own Job, and the release drops the previous one.
*/}}
{{- define "nlds-db.migrationJobName" -}}
{{- if include "nlds-db.hookJob" . -}}
{{- printf "%s-migrate" (include "nlds-db.fullname" .) -}}
{{- else -}}
{{- $inputs := printf "%s\n%s\n%s" (include "nlds-db.image" .) (include "nlds-db.checksums" .) (toJson .Values.migration.job.plan) -}}
{{- printf "%s-migrate-%s" (include "nlds-db.fullname" . | trunc 44 | trimSuffix "-") ($inputs | sha256sum | trunc 10) -}}
{{- end -}}
{{- end -}}

{{/* The Secret with the database credentials: the existing one, or the one this chart makes. */}}
{{- define "nlds-db.secretName" -}}
{{- .Values.database.credentials.existingSecret | default (printf "%s-credentials" (include "nlds-db.fullname" .)) -}}
{{- end -}}

{{- define "nlds-db.validate" -}}
{{- if eq (int .Values.management.port) 8080 -}}
{{- fail "management.port is 8080, the API port: choose another port (8081 by default) so the actuator stays off the API" -}}
{{- end -}}
{{- if eq .Values.database.type "postgresql" -}}
{{- if or (empty .Values.database.catalog.url) (empty .Values.database.monitor.url) -}}
{{- fail "database.type is postgresql: set database.catalog.url and database.monitor.url" -}}
{{- end -}}
{{- else -}}
{{- if eq .Values.migration.mode "job" -}}
{{- fail "migration.mode job needs PostgreSQL: SQLite files live on the pod's volume, so use migration.mode boot" -}}
{{- end -}}
{{- if gt (int .Values.replicaCount) 1 -}}
{{- fail "SQLite runs one replica (its files live on one ReadWriteOnce volume): set replicaCount 1 or use PostgreSQL" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Environment shared by the service pods and the migration Job. Settings come from the ConfigMap,
except in the hook Job ("inline"), which runs before the release's ConfigMap exists.
Call with (dict "ctx" $ "inline" true|false).
*/}}
{{- define "nlds-db.env" -}}
{{- $ := .ctx -}}
{{- $inline := .inline -}}
{{- $settings := dict "NLDS_DB_CATALOG_URL" $.Values.database.catalog.url "NLDS_DB_MONITOR_URL" $.Values.database.monitor.url "NLDS_MIGRATION_FAILFAST" (toString $.Values.migration.failFast) "NLDS_DB_STARTUPWAIT" $.Values.migration.startupWait "NLDS_MIGRATION_DEFAULTTENANCY" $.Values.migration.defaultTenancy "NLDS_MIGRATION_DEFAULTTAPEURL" $.Values.migration.defaultTapeUrl -}}
- name: JAVA_TOOL_OPTIONS
  value: {{ $.Values.javaOpts | quote }}
{{- range $name := list "NLDS_DB_CATALOG_URL" "NLDS_DB_MONITOR_URL" "NLDS_MIGRATION_FAILFAST" "NLDS_DB_STARTUPWAIT" "NLDS_MIGRATION_DEFAULTTENANCY" "NLDS_MIGRATION_DEFAULTTAPEURL" }}
{{- if or (ne $.Values.database.type "sqlite") (not (hasPrefix "NLDS_DB_" $name)) (eq $name "NLDS_DB_STARTUPWAIT") }}
- name: {{ $name }}
{{- if $inline }}
  value: {{ get $settings $name | quote }}
{{- else }}
  valueFrom:
    configMapKeyRef:
      name: {{ include "nlds-db.fullname" $ }}
      key: {{ $name }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq $.Values.database.type "postgresql" }}
{{- range $env, $key := dict "NLDS_DB_CATALOG_USERNAME" $.Values.database.credentials.keys.catalogUsername "NLDS_DB_CATALOG_PASSWORD" $.Values.database.credentials.keys.catalogPassword "NLDS_DB_MONITOR_USERNAME" $.Values.database.credentials.keys.monitorUsername "NLDS_DB_MONITOR_PASSWORD" $.Values.database.credentials.keys.monitorPassword }}
- name: {{ $env }}
  valueFrom:
    secretKeyRef:
      name: {{ include "nlds-db.secretName" $ }}
      key: {{ $key }}
{{- end }}
{{- end }}
{{- with $.Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/*
The longest plan estimate the migration Job accepts: migration.job.plan.maxDuration, or 70% of
activeDeadlineSeconds (the estimate may be 30% short, and the starts take time too).
*/}}
{{- define "nlds-db.planMaxDuration" -}}
{{- .Values.migration.job.plan.maxDuration | default (printf "%ds" (div (mul .Values.migration.job.activeDeadlineSeconds 7) 10)) -}}
{{- end -}}
