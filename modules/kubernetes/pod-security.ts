import type { IIoK8sApiCoreV1Container as Container } from 'kubernetes-models/v1/Container';
import type { IIoK8sApiCoreV1PodSpec as PodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IIoK8sApiCoreV1SecurityContext as SecurityContext } from 'kubernetes-models/v1/SecurityContext';

/**
 * The Pod Security Standards `restricted` profile (which includes `baseline`), as the Pod Security
 * Admission controller of Kubernetes 1.33 checks it (`latest`).
 *
 * The namespaces made by {@link KubernetesApplication} enforce this profile, so a pod that breaks a
 * rule is refused by the API server at apply time; checking here fails the synth instead, naming the
 * field. Each rule below is one control of the standard.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 */

/** One broken rule: the field (dotted, from the pod spec) and what the profile allows. */
export interface PodSecurityProblem {
  /** Field path inside the checked object, e.g. `spec.template.spec.containers[0].securityContext.privileged`. */
  readonly path: string;
  /** The value found. */
  readonly value: unknown;
  /** The control broken and what is allowed. */
  readonly message: string;
}

/** Capabilities `baseline` lets a container add. */
export const BASELINE_ADDABLE_CAPABILITIES = [
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE',
  'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
] as const;

/** Capabilities `restricted` lets a container add (after dropping ALL). */
export const RESTRICTED_ADDABLE_CAPABILITIES = ['NET_BIND_SERVICE'] as const;

/** Volume types `restricted` allows. */
export const RESTRICTED_VOLUME_TYPES = [
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret',
] as const;

/** Sysctls `baseline` allows (the "safe" set of Kubernetes 1.33). */
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
] as const;

/** SELinux types `baseline` allows. */
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];

/** Every field of a pod spec that holds volumes' source: the keys of a Volume other than `name`. */
function volumeType(volume: Record<string, unknown>): string | undefined {
  return Object.keys(volume).find((k) => k !== 'name' && volume[k] !== undefined && volume[k] !== null);
}

/**
 * Checks a pod spec (and its template annotations) against the `restricted` profile.
 *
 * @param spec the pod spec (`spec` of a Pod, `spec.template.spec` of a Deployment)
 * @param at the path of `spec` in the checked object, for messages
 * @param annotations the pod's annotations (AppArmor's legacy annotations are checked)
 * @returns every broken rule; empty when the pod is admitted
 */
export function restrictedPodProblems(spec: PodSpec, at = 'spec', annotations: Record<string, string> = {}): PodSecurityProblem[] {
  const problems: PodSecurityProblem[] = [];
  const add = (path: string, value: unknown, message: string) => problems.push({ path: `${at}.${path}`, value, message });
  const pod = spec.securityContext ?? {};

  // Baseline: host namespaces.
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[field] === true) add(field, true, 'shares a host namespace (baseline "Host Namespaces"); leave it unset or false');
  }
  // Baseline: HostProcess (Windows).
  if (pod.windowsOptions?.hostProcess === true) add('securityContext.windowsOptions.hostProcess', true, 'is a Windows HostProcess pod (baseline "HostProcess"); leave it unset or false');
  // Baseline: sysctls.
  for (const [i, sysctl] of (pod.sysctls ?? []).entries()) {
    if (!(SAFE_SYSCTLS as readonly string[]).includes(sysctl.name)) {
      add(`securityContext.sysctls[${i}].name`, sysctl.name, `is not a safe sysctl (baseline "Sysctls"); allowed: ${SAFE_SYSCTLS.join(', ')}`);
    }
  }
  // Baseline: SELinux, seccomp, AppArmor at pod level.
  seLinuxProblems(pod.seLinuxOptions, 'securityContext.seLinuxOptions', add);
  const podSeccomp = pod.seccompProfile?.type;
  if (podSeccomp !== undefined && podSeccomp !== 'RuntimeDefault' && podSeccomp !== 'Localhost') {
    add('securityContext.seccompProfile.type', podSeccomp, 'is not allowed (restricted "Seccomp"); use RuntimeDefault or Localhost');
  }
  appArmorProblem(pod.appArmorProfile?.type, 'securityContext.appArmorProfile.type', add);
  for (const [key, value] of Object.entries(annotations)) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && value !== 'runtime/default' && !value.startsWith('localhost/')) {
      problems.push({ path: `${at.replace(/spec$/, 'metadata')}.annotations["${key}"]`, value, message: 'is not allowed (baseline "AppArmor"); use runtime/default or localhost/<profile>' });
    }
  }
  // Restricted: running as root.
  if (pod.runAsUser === 0) add('securityContext.runAsUser', 0, 'runs as root (restricted "Running as Non-root user"); use a non-zero user id');
  if (pod.runAsNonRoot === false) add('securityContext.runAsNonRoot', false, 'is false (restricted "Running as Non-root"); set true');

  // Baseline: HostPath; restricted: volume types.
  for (const [i, volume] of (spec.volumes ?? []).entries()) {
    const type = volumeType(volume as unknown as Record<string, unknown>);
    if (type !== undefined && !(RESTRICTED_VOLUME_TYPES as readonly string[]).includes(type)) {
      add(`volumes[${i}].${type}`, volume.name, `is a ${type} volume (restricted "Volume Types"${type === 'hostPath' ? ', baseline "HostPath Volumes"' : ''}); allowed: ${RESTRICTED_VOLUME_TYPES.join(', ')}`);
    }
  }

  const groups: [string, Container[] | undefined][] = [
    ['containers', spec.containers],
    ['initContainers', spec.initContainers],
    ['ephemeralContainers', spec.ephemeralContainers as Container[] | undefined],
  ];
  for (const [group, containers] of groups) {
    for (const [i, container] of (containers ?? []).entries()) {
      containerProblems(container, pod.runAsNonRoot === true, podSeccomp, `${group}[${i}]`, add);
    }
  }
  return problems;
}

type Add = (path: string, value: unknown, message: string) => void;

function containerProblems(c: Container, podNonRoot: boolean, podSeccomp: string | undefined, at: string, add: Add): void {
  const sc: SecurityContext = c.securityContext ?? {};
  const ctx = `${at}.securityContext`;
  if (sc.privileged === true) add(`${ctx}.privileged`, true, 'is a privileged container (baseline "Privileged Containers"); leave it unset or false');
  if (sc.windowsOptions?.hostProcess === true) add(`${ctx}.windowsOptions.hostProcess`, true, 'is a Windows HostProcess container (baseline "HostProcess"); leave it unset or false');
  if (sc.procMount !== undefined && sc.procMount !== 'Default') add(`${ctx}.procMount`, sc.procMount, 'unmasks /proc (baseline "/proc Mount Type"); use Default');
  for (const [j, port] of (c.ports ?? []).entries()) {
    if (port.hostPort !== undefined && port.hostPort !== 0) add(`${at}.ports[${j}].hostPort`, port.hostPort, 'binds a host port (baseline "Host Ports"); leave it unset or 0');
  }
  seLinuxProblems(sc.seLinuxOptions, `${ctx}.seLinuxOptions`, add);
  appArmorProblem(sc.appArmorProfile?.type, `${ctx}.appArmorProfile.type`, add);

  if (sc.allowPrivilegeEscalation !== false) {
    add(`${ctx}.allowPrivilegeEscalation`, sc.allowPrivilegeEscalation, 'must be false (restricted "Privilege Escalation")');
  }
  if (sc.runAsNonRoot === false || (sc.runAsNonRoot === undefined && !podNonRoot)) {
    add(`${ctx}.runAsNonRoot`, sc.runAsNonRoot, 'must be true here or in the pod securityContext (restricted "Running as Non-root")');
  }
  if (sc.runAsUser === 0) add(`${ctx}.runAsUser`, 0, 'runs as root (restricted "Running as Non-root user"); use a non-zero user id');
  const seccomp = sc.seccompProfile?.type;
  if (seccomp !== undefined && seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') {
    add(`${ctx}.seccompProfile.type`, seccomp, 'is not allowed (restricted "Seccomp"); use RuntimeDefault or Localhost');
  } else if (seccomp === undefined && podSeccomp === undefined) {
    add(`${ctx}.seccompProfile.type`, undefined, 'must be RuntimeDefault or Localhost here or in the pod securityContext (restricted "Seccomp")');
  }
  const drop = sc.capabilities?.drop ?? [];
  if (!drop.includes('ALL')) add(`${ctx}.capabilities.drop`, drop, 'must include ALL (restricted "Capabilities")');
  for (const [j, cap] of (sc.capabilities?.add ?? []).entries()) {
    if (!(RESTRICTED_ADDABLE_CAPABILITIES as readonly string[]).includes(cap)) {
      const baseline = (BASELINE_ADDABLE_CAPABILITIES as readonly string[]).includes(cap);
      add(`${ctx}.capabilities.add[${j}]`, cap, `is not allowed (${baseline ? 'restricted' : 'baseline and restricted'} "Capabilities"); only NET_BIND_SERVICE may be added`);
    }
  }
}

function seLinuxProblems(options: { type?: string; user?: string; role?: string } | undefined, at: string, add: Add): void {
  if (!options) return;
  if (options.type !== undefined && !SELINUX_TYPES.includes(options.type)) {
    add(`${at}.type`, options.type, 'is not allowed (baseline "SELinux"); use one of container_t, container_init_t, container_kvm_t, container_engine_t');
  }
  if (options.user) add(`${at}.user`, options.user, 'must be empty (baseline "SELinux")');
  if (options.role) add(`${at}.role`, options.role, 'must be empty (baseline "SELinux")');
}

function appArmorProblem(type: string | undefined, at: string, add: Add): void {
  if (type !== undefined && type !== 'RuntimeDefault' && type !== 'Localhost') add(at, type, 'is not allowed (baseline "AppArmor"); use RuntimeDefault or Localhost');
}

/** The pod spec and annotations of an object that runs pods (Pod, Deployment, StatefulSet, DaemonSet, Job, CronJob), or undefined. */
export function podTemplateOf(object: { kind?: string; metadata?: { annotations?: Record<string, string> }; spec?: any }): { spec: PodSpec; at: string; annotations: Record<string, string> } | undefined {
  switch (object.kind) {
    case 'Pod':
      return object.spec ? { spec: object.spec, at: 'spec', annotations: object.metadata?.annotations ?? {} } : undefined;
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'Job':
      return object.spec?.template?.spec
        ? { spec: object.spec.template.spec, at: 'spec.template.spec', annotations: object.spec.template.metadata?.annotations ?? {} }
        : undefined;
    case 'CronJob':
      return object.spec?.jobTemplate?.spec?.template?.spec
        ? { spec: object.spec.jobTemplate.spec.template.spec, at: 'spec.jobTemplate.spec.template.spec', annotations: object.spec.jobTemplate.spec.template.metadata?.annotations ?? {} }
        : undefined;
    default:
      return undefined;
  }
}

/** The `restricted` problems of any object (none for objects that run no pods). */
export function restrictedObjectProblems(object: { kind?: string; metadata?: { annotations?: Record<string, string> }; spec?: any }): PodSecurityProblem[] {
  const template = podTemplateOf(object);
  return template ? restrictedPodProblems(template.spec, template.at, template.annotations) : [];
}
