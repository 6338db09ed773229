/**
 * The one application spec that deploys the same workload to EKS, GKE and AKS: its shape, its
 * defaults and limits, and the rules every spec must meet.
 *
 * The config section (`kubernetes.apps`) and the {@link KubernetesApplication} construct both use
 * {@link applicationSpecProblems}, so a rule is written once and a bad value is reported with its
 * config field before any stack exists.
 */

/** Protocols a container port may use. */
export const PORT_PROTOCOLS = ['TCP', 'UDP'] as const;

/** How an application is reached from outside the cluster. */
export const EXPOSURES = ['none', 'internal', 'public'] as const;
export type Exposure = (typeof EXPOSURES)[number];

/** One container port, also a Service port of the same number. */
export interface ApplicationPort {
  /** IANA-style port name (lower-case, at most 15 characters), e.g. `http`. */
  readonly name: string;
  /** Container port, 1-65535. */
  readonly containerPort: number;
  /** @default 'TCP' */
  readonly protocol?: (typeof PORT_PROTOCOLS)[number];
}

/** CPU and memory as Kubernetes quantities (`250m`, `1`, `512Mi`, `1Gi`). */
export interface ResourceAmounts {
  readonly cpu: string;
  readonly memory: string;
}

/** Requests and limits of the container: both are required, limits at least the requests. */
export interface ApplicationResources {
  readonly requests: ResourceAmounts;
  readonly limits: ResourceAmounts;
}

/** The startup, readiness and liveness probes (HTTP GET on a named port). */
export interface ApplicationProbes {
  /** Path of the liveness and startup probes. @default '/healthz' */
  readonly livenessPath?: string;
  /** Path of the readiness probe. @default - livenessPath */
  readonly readinessPath?: string;
  /** Name of the port probed. @default - the first port */
  readonly port?: string;
  /** Seconds the startup probe allows before liveness starts (failureThreshold x periodSeconds). @default 120 */
  readonly startupSeconds?: number;
}

/** Horizontal pod autoscaling (autoscaling/v2) on CPU and memory utilisation of the requests. */
export interface ApplicationAutoscaling {
  /** Create an HPA; when false the Deployment runs `replicas` pods. @default true */
  readonly enabled?: boolean;
  /** @default 2 */
  readonly minReplicas?: number;
  /** @default 4 */
  readonly maxReplicas?: number;
  /** Target average CPU utilisation, percent of the request. @default 70 */
  readonly cpuUtilization?: number;
  /** Target average memory utilisation, percent of the request. @default 80 */
  readonly memoryUtilization?: number;
}

/** A peer the application may talk to (egress) or be called by (ingress), keyed by `name`. */
export interface ApplicationPeer {
  /** Stable key of the rule (NetworkPolicy `allow-<ingress|egress>-<name>`). */
  readonly name: string;
  /** Pods of this namespace (all pods, or those matching `podLabels`). @default - this namespace when `podLabels` is set */
  readonly namespace?: string;
  /** Pods with these labels. @default - every pod of `namespace` */
  readonly podLabels?: Record<string, string>;
  /** An IP range instead of pods (e.g. a database subnet), `a.b.c.d/n`. */
  readonly cidr?: string;
  /** Ports allowed (TCP unless `protocol` says otherwise). */
  readonly ports: readonly number[];
  /** @default 'TCP' */
  readonly protocol?: (typeof PORT_PROTOCOLS)[number];
}

/**
 * Container security settings a spec may change. Every field defaults to the Pod Security
 * Standards `restricted` value; a value the profile refuses (e.g. `privileged: true`) is rejected.
 */
export interface ApplicationSecurity {
  /** @default 10001 */
  readonly runAsUser?: number;
  /** @default 10001 */
  readonly runAsGroup?: number;
  /** @default true */
  readonly readOnlyRootFilesystem?: boolean;
  /** @default false (refused when true) */
  readonly privileged?: boolean;
  /** @default false (refused when true) */
  readonly allowPrivilegeEscalation?: boolean;
  /** Capabilities added after dropping ALL (restricted allows only NET_BIND_SERVICE). @default [] */
  readonly addCapabilities?: readonly string[];
}

/** The application spec: one workload, deployed the same way to every cluster named for it. */
export interface ApplicationSpec {
  /** DNS label (lower-case, at most 40 characters): the namespace, Deployment, Service... names. */
  readonly name: string;
  /** Image pinned by tag or digest: `registry/repo:1.2.3` or `registry/repo@sha256:<64 hex>` (not `latest`). */
  readonly image: string;
  /** Pods when autoscaling is off. @default 2 */
  readonly replicas?: number;
  /** Container ports; the first is the one the Service's default, the probes and the Ingress use. */
  readonly ports: readonly ApplicationPort[];
  /** Requests and limits of CPU and memory. */
  readonly resources: ApplicationResources;
  /** Plain environment variables. @default {} */
  readonly env?: Record<string, string>;
  /** Non-secret settings: a ConfigMap loaded as environment variables. @default {} */
  readonly config?: Record<string, string>;
  /** Names of secrets in the cloud's secret store, mounted read-only as files under /mnt/secrets. @default [] */
  readonly secrets?: readonly string[];
  /** @default - HTTP GET /healthz on the first port */
  readonly probes?: ApplicationProbes;
  /** @default { enabled: true, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 80 } */
  readonly autoscaling?: ApplicationAutoscaling;
  /** `none`, `internal` (private load balancer) or `public` (internet-facing). @default 'none' */
  readonly exposure?: Exposure;
  /** Host name of the Ingress rule (and TLS host where the ingress path provides a certificate). @default - any host */
  readonly host?: string;
  /** Rolling update: extra pods during a rollout (count or percent). @default '25%' */
  readonly maxSurge?: number | string;
  /** Rolling update: pods that may be unavailable during a rollout (count or percent). @default 0 */
  readonly maxUnavailable?: number | string;
  /** Who may call the application besides the ingress path. @default [] */
  readonly allowedIngress?: readonly ApplicationPeer[];
  /** What the application may call besides DNS. @default [] */
  readonly allowedEgress?: readonly ApplicationPeer[];
  /** Container security settings. @default - the restricted profile's values */
  readonly security?: ApplicationSecurity;
}

/** Every default of the spec, written once. */
export const APPLICATION_DEFAULTS = {
  replicas: 2,
  autoscaling: { enabled: true, minReplicas: 2, maxReplicas: 4, cpuUtilization: 70, memoryUtilization: 80 },
  exposure: 'none' as Exposure,
  maxSurge: '25%',
  maxUnavailable: 0,
  probes: { livenessPath: '/healthz', startupSeconds: 120, periodSeconds: 10, timeoutSeconds: 2 },
  security: { runAsUser: 10001, runAsGroup: 10001, readOnlyRootFilesystem: true },
  /** PodDisruptionBudget: at most one pod evicted at a time (works with any replica count, unlike minAvailable). */
  pdbMaxUnavailable: 1,
  terminationGracePeriodSeconds: 30,
  /** Where secrets are mounted, one file per secret name. */
  secretsMountPath: '/mnt/secrets',
  /** Writable scratch space on the read-only root filesystem. */
  tmpSizeLimit: '64Mi',
} as const;

/** Limits of the spec's fields. */
export const APPLICATION_LIMITS = {
  /** The name prefixes object names (`<name>-secrets`...), so it is kept below the 63 of a label. */
  nameMaxLength: 40,
  replicas: { min: 1, max: 100 },
  port: { min: 1, max: 65535 },
  utilization: { min: 1, max: 100 },
  startupSeconds: { min: 10, max: 3600 },
} as const;

/** The clusters an application may name. */
export const CLUSTER_KINDS = ['eks', 'gke', 'aks'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const PORT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
/** Names valid in all three stores: Secrets Manager, Secret Manager and Key Vault (the strictest: letters, digits, -). */
const SECRET_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]{0,125}[A-Za-z0-9])?$/;
const CPU = /^([0-9]+m|[0-9]+(\.[0-9]{1,3})?)$/;
const MEMORY = /^[0-9]+(Ki|Mi|Gi|Ti|k|M|G|T)?$/;
const PERCENT_OR_COUNT = /^[0-9]+%$/;
const CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+$/;

/** Why an image reference is not pinned, or undefined when it is (`repo:tag` other than latest, or `repo@sha256:<64 hex>`). */
export function imageProblem(image: string): string | undefined {
  const allowed = 'pin it by tag or digest, e.g. "registry.example.com/app:1.4.2" or "registry.example.com/app@sha256:<64 hex digits>"';
  const digest = /^[a-z0-9]+([._/:-][a-z0-9]+)*@sha256:[a-f0-9]{64}$/;
  const tagged = /^([a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?\/)?[a-z0-9]+([._/-][a-z0-9]+)*:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})$/;
  if (digest.test(image)) return undefined;
  const m = tagged.exec(image);
  if (!m) return `has no tag or digest; ${allowed}`;
  if (m.groups?.tag === 'latest') return `uses the moving tag "latest"; ${allowed}`;
  return undefined;
}

/** CPU in millicores (`250m` -> 250, `1.5` -> 1500), or undefined when not a CPU quantity. */
export function cpuMillicores(quantity: string): number | undefined {
  if (!CPU.test(quantity)) return undefined;
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Math.round(Number(quantity) * 1000);
}

const MEMORY_UNITS: Record<string, number> = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4 };

/** Memory in bytes (`512Mi` -> 536870912), or undefined when not a memory quantity. */
export function memoryBytes(quantity: string): number | undefined {
  if (!MEMORY.test(quantity)) return undefined;
  const m = /^([0-9]+)([A-Za-z]*)$/.exec(quantity)!;
  return Number(m[1]) * MEMORY_UNITS[m[2]!]!;
}

/** A problem of an application spec: the field (relative to the spec), the value and what is allowed. */
export interface SpecProblem {
  readonly path: string;
  readonly value: unknown;
  readonly message: string;
}

/**
 * Every problem of an application spec, each with its field path (`resources.limits.cpu`,
 * `ports[0].containerPort`), the value and what is allowed. Empty when the spec is valid.
 */
export function applicationSpecProblems(spec: ApplicationSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path, value, message });
  const L = APPLICATION_LIMITS;

  if (typeof spec.name !== 'string' || !DNS_LABEL.test(spec.name) || spec.name.length > L.nameMaxLength) {
    add('name', spec.name, `is not a DNS label; use lower-case letters, digits and "-", at most ${L.nameMaxLength} characters`);
  }
  if (typeof spec.image !== 'string') add('image', spec.image, 'is missing; give an image pinned by tag or digest');
  else {
    const message = imageProblem(spec.image);
    if (message) add('image', spec.image, message);
  }
  const replicas = spec.replicas ?? APPLICATION_DEFAULTS.replicas;
  if (!Number.isInteger(replicas) || replicas < L.replicas.min || replicas > L.replicas.max) {
    add('replicas', spec.replicas, `is not allowed; use a whole number from ${L.replicas.min} to ${L.replicas.max}`);
  }

  // Ports.
  if (!Array.isArray(spec.ports) || spec.ports.length === 0) add('ports', spec.ports, 'is empty; give at least one port, e.g. [{ name: http, containerPort: 8080 }]');
  const portNames = new Set<string>();
  for (const [i, port] of (spec.ports ?? []).entries()) {
    if (!Number.isInteger(port.containerPort) || port.containerPort < L.port.min || port.containerPort > L.port.max) {
      add(`ports[${i}].containerPort`, port.containerPort, `is out of range; use ${L.port.min}-${L.port.max}`);
    }
    if (typeof port.name !== 'string' || !PORT_NAME.test(port.name) || port.name.length > 15 || !/[a-z]/.test(port.name)) {
      add(`ports[${i}].name`, port.name, 'is not a port name; use lower-case letters, digits and "-", at most 15 characters, with a letter');
    } else if (portNames.has(port.name)) add(`ports[${i}].name`, port.name, 'is used twice; give each port its own name');
    else portNames.add(port.name);
    if (port.protocol !== undefined && !(PORT_PROTOCOLS as readonly string[]).includes(port.protocol)) {
      add(`ports[${i}].protocol`, port.protocol, `is not allowed; use ${PORT_PROTOCOLS.join(' or ')}`);
    }
  }

  // Resources: both requests and limits of both resources, limits >= requests.
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of ['cpu', 'memory'] as const) {
      const value = spec.resources?.[kind]?.[resource];
      const path = `resources.${kind}.${resource}`;
      const example = resource === 'cpu' ? '"250m" or "1"' : '"256Mi" or "1Gi"';
      if (value === undefined) add(path, value, `is missing; every container needs CPU and memory requests and limits, e.g. ${example}`);
      else if ((resource === 'cpu' ? cpuMillicores(String(value)) : memoryBytes(String(value))) === undefined) {
        add(path, value, `is not a ${resource} quantity; use e.g. ${example}`);
      } else if ((resource === 'cpu' ? cpuMillicores(String(value)) : memoryBytes(String(value))) === 0) {
        add(path, value, `is zero; use a positive quantity, e.g. ${example}`);
      }
    }
  }
  for (const resource of ['cpu', 'memory'] as const) {
    const parse = resource === 'cpu' ? cpuMillicores : memoryBytes;
    const request = spec.resources?.requests?.[resource];
    const limit = spec.resources?.limits?.[resource];
    if (request === undefined || limit === undefined) continue;
    const r = parse(String(request));
    const l = parse(String(limit));
    if (r !== undefined && l !== undefined && l < r) add(`resources.limits.${resource}`, limit, `is below the request ${JSON.stringify(request)}; use a limit at least the request`);
  }

  // Env, config, secrets.
  for (const [key, value] of Object.entries(spec.env ?? {})) {
    if (!ENV_NAME.test(key)) add(`env.${key}`, key, 'is not an environment variable name; use letters, digits, "_", "-", "." not starting with a digit');
    if (typeof value !== 'string') add(`env.${key}`, value, 'is not a string; quote it in YAML');
  }
  for (const [key, value] of Object.entries(spec.config ?? {})) {
    if (!CONFIG_KEY.test(key) || !ENV_NAME.test(key)) add(`config.${key}`, key, 'is not a ConfigMap key usable as an environment variable; use letters, digits, "_", "-", "." not starting with a digit');
    if (typeof value !== 'string') add(`config.${key}`, value, 'is not a string; quote it in YAML');
  }
  const secretNames = new Set<string>();
  for (const [i, name] of (spec.secrets ?? []).entries()) {
    if (typeof name !== 'string' || !SECRET_NAME.test(name)) {
      add(`secrets[${i}]`, name, 'is not a secret name valid in every cloud store; use letters, digits and "-", 1-127 characters');
    } else if (secretNames.has(name)) add(`secrets[${i}]`, name, 'is listed twice');
    else secretNames.add(name);
  }

  // Probes.
  const probes = spec.probes ?? {};
  for (const field of ['livenessPath', 'readinessPath'] as const) {
    const path = probes[field];
    if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/'))) add(`probes.${field}`, path, 'is not an HTTP path; start it with "/", e.g. "/healthz"');
  }
  if (probes.port !== undefined && !portNames.has(probes.port)) {
    add('probes.port', probes.port, `is not one of the application's ports; use one of: ${[...portNames].join(', ') || '(none)'}`);
  }
  if (probes.startupSeconds !== undefined && (!Number.isInteger(probes.startupSeconds) || probes.startupSeconds < L.startupSeconds.min || probes.startupSeconds > L.startupSeconds.max)) {
    add('probes.startupSeconds', probes.startupSeconds, `is not allowed; use ${L.startupSeconds.min}-${L.startupSeconds.max} seconds`);
  }

  // Autoscaling.
  const a = { ...APPLICATION_DEFAULTS.autoscaling, ...(spec.autoscaling ?? {}) };
  for (const field of ['minReplicas', 'maxReplicas'] as const) {
    if (!Number.isInteger(a[field]) || a[field] < L.replicas.min || a[field] > L.replicas.max) {
      add(`autoscaling.${field}`, a[field], `is not allowed; use a whole number from ${L.replicas.min} to ${L.replicas.max}`);
    }
  }
  if (a.minReplicas > a.maxReplicas) add('autoscaling.minReplicas', a.minReplicas, `is above maxReplicas (${a.maxReplicas}); use minReplicas <= maxReplicas`);
  for (const field of ['cpuUtilization', 'memoryUtilization'] as const) {
    if (!Number.isInteger(a[field]) || a[field] < L.utilization.min || a[field] > L.utilization.max) {
      add(`autoscaling.${field}`, a[field], `is not allowed; use a percentage of the request from ${L.utilization.min} to ${L.utilization.max}`);
    }
  }

  // Exposure and rollout.
  if (spec.exposure !== undefined && !(EXPOSURES as readonly string[]).includes(spec.exposure)) {
    add('exposure', spec.exposure, `is not allowed; use ${EXPOSURES.join(', ')}`);
  }
  if (spec.host !== undefined && !HOST.test(spec.host)) add('host', spec.host, 'is not a host name; use e.g. "app.example.com"');
  if (spec.host !== undefined && (spec.exposure ?? 'none') === 'none') add('host', spec.host, 'is set but exposure is "none"; set exposure: internal or public, or remove host');
  for (const field of ['maxSurge', 'maxUnavailable'] as const) {
    const v = spec[field];
    if (v === undefined) continue;
    const ok = (typeof v === 'number' && Number.isInteger(v) && v >= 0) || (typeof v === 'string' && PERCENT_OR_COUNT.test(v) && Number(v.slice(0, -1)) <= 100);
    if (!ok) add(field, v, 'is not allowed; use a whole number of pods or a percentage such as "25%"');
  }
  const surge = spec.maxSurge ?? APPLICATION_DEFAULTS.maxSurge;
  const unavailable = spec.maxUnavailable ?? APPLICATION_DEFAULTS.maxUnavailable;
  if ((surge === 0 || surge === '0%') && (unavailable === 0 || unavailable === '0%')) {
    add('maxUnavailable', unavailable, 'is 0 and so is maxSurge, so a rollout could never progress; raise one of them');
  }

  // Network peers.
  for (const direction of ['allowedIngress', 'allowedEgress'] as const) {
    const names = new Set<string>();
    for (const [i, peer] of (spec[direction] ?? []).entries()) {
      const at = `${direction}[${i}]`;
      if (typeof peer.name !== 'string' || !DNS_LABEL.test(peer.name) || peer.name.length > 40) add(`${at}.name`, peer.name, 'is not a DNS label; use lower-case letters, digits and "-", at most 40 characters');
      else if (names.has(peer.name)) add(`${at}.name`, peer.name, 'is used twice; give each peer its own name');
      else names.add(peer.name);
      const kinds = [peer.cidr !== undefined, peer.namespace !== undefined || peer.podLabels !== undefined].filter(Boolean).length;
      if (kinds !== 1) add(at, peer.name, 'needs exactly one of cidr, or namespace and/or podLabels');
      if (peer.cidr !== undefined && !CIDR.test(peer.cidr)) add(`${at}.cidr`, peer.cidr, 'is not an IPv4 CIDR; use e.g. "10.0.32.0/20"');
      if (peer.namespace !== undefined && (!DNS_LABEL.test(peer.namespace) || peer.namespace.length > 63)) add(`${at}.namespace`, peer.namespace, 'is not a namespace name; use a DNS label');
      if (!Array.isArray(peer.ports) || peer.ports.length === 0) add(`${at}.ports`, peer.ports, 'is empty; name the ports allowed, e.g. [5432]');
      for (const [j, p] of (peer.ports ?? []).entries()) {
        if (!Number.isInteger(p) || p < L.port.min || p > L.port.max) add(`${at}.ports[${j}]`, p, `is out of range; use ${L.port.min}-${L.port.max}`);
      }
    }
  }

  // Security settings the restricted profile refuses.
  const s = spec.security ?? {};
  if (s.privileged === true) add('security.privileged', true, 'is not allowed: Pod Security Standards "restricted" refuses privileged containers; remove it or set false');
  if (s.allowPrivilegeEscalation === true) add('security.allowPrivilegeEscalation', true, 'is not allowed: Pod Security Standards "restricted" needs false; remove it');
  for (const field of ['runAsUser', 'runAsGroup'] as const) {
    const v = s[field];
    if (v !== undefined && (!Number.isInteger(v) || v < 1 || v > 2147483647)) add(`security.${field}`, v, 'is not allowed: the pod runs as non-root; use an id from 1 to 2147483647');
  }
  for (const [i, cap] of (s.addCapabilities ?? []).entries()) {
    if (cap !== 'NET_BIND_SERVICE') add(`security.addCapabilities[${i}]`, cap, 'is not allowed: Pod Security Standards "restricted" lets a container add only NET_BIND_SERVICE');
  }
  return problems;
}

/** Pods the Deployment may run at once: the HPA's maximum (or replicas) plus the rollout surge. */
export function maxPods(spec: ApplicationSpec): number {
  const a = { ...APPLICATION_DEFAULTS.autoscaling, ...(spec.autoscaling ?? {}) };
  const base = a.enabled ? a.maxReplicas : (spec.replicas ?? APPLICATION_DEFAULTS.replicas);
  const surge = spec.maxSurge ?? APPLICATION_DEFAULTS.maxSurge;
  const extra = typeof surge === 'number' ? surge : Math.ceil((base * Number(surge.slice(0, -1))) / 100);
  return base + extra;
}
