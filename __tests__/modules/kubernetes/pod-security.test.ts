import { restrictedObjectProblems, restrictedPodProblems } from '../../../modules/kubernetes/pod-security';

/** A pod spec that meets every rule of the restricted profile. */
function compliant(): any {
  return {
    securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [
      {
        name: 'app',
        image: 'example/app:1.0.0',
        securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
      },
    ],
    volumes: [{ name: 'tmp', emptyDir: {} }, { name: 's', csi: { driver: 'secrets-store.csi.k8s.io' } }],
  };
}

describe('restrictedPodProblems', () => {
  it('admits a pod that meets every control', () => {
    expect(restrictedPodProblems(compliant())).toEqual([]);
  });

  const c = 'spec.containers[0].securityContext';
  it.each<[string, (p: any) => void, string, RegExp]>([
    ['a privileged container', (p) => (p.containers[0].securityContext.privileged = true), `${c}.privileged`, /Privileged Containers/],
    ['privilege escalation left on', (p) => delete p.containers[0].securityContext.allowPrivilegeEscalation, `${c}.allowPrivilegeEscalation`, /must be false/],
    ['capabilities not dropped', (p) => (p.containers[0].securityContext.capabilities = {}), `${c}.capabilities.drop`, /must include ALL/],
    ['a capability other than NET_BIND_SERVICE added', (p) => (p.containers[0].securityContext.capabilities.add = ['NET_ADMIN']), `${c}.capabilities.add[0]`, /only NET_BIND_SERVICE/],
    ['a baseline capability added', (p) => (p.containers[0].securityContext.capabilities.add = ['CHOWN']), `${c}.capabilities.add[0]`, /restricted "Capabilities"/],
    ['runAsNonRoot false in the container', (p) => (p.containers[0].securityContext.runAsNonRoot = false), `${c}.runAsNonRoot`, /must be true/],
    ['root user', (p) => (p.securityContext.runAsUser = 0), 'spec.securityContext.runAsUser', /Non-root user/],
    ['root user in the container', (p) => (p.containers[0].securityContext.runAsUser = 0), `${c}.runAsUser`, /Non-root user/],
    ['seccomp Unconfined', (p) => (p.securityContext.seccompProfile.type = 'Unconfined'), 'spec.securityContext.seccompProfile.type', /RuntimeDefault or Localhost/],
    ['no seccomp profile anywhere', (p) => delete p.securityContext.seccompProfile, `${c}.seccompProfile.type`, /must be RuntimeDefault or Localhost/],
    ['host network', (p) => (p.hostNetwork = true), 'spec.hostNetwork', /Host Namespaces/],
    ['host PID', (p) => (p.hostPID = true), 'spec.hostPID', /Host Namespaces/],
    ['a hostPath volume', (p) => p.volumes.push({ name: 'h', hostPath: { path: '/' } }), 'spec.volumes[2].hostPath', /HostPath Volumes/],
    ['a non-restricted volume type', (p) => p.volumes.push({ name: 'n', nfs: { server: 'x', path: '/' } }), 'spec.volumes[2].nfs', /Volume Types/],
    ['a host port', (p) => (p.containers[0].ports = [{ containerPort: 80, hostPort: 80 }]), 'spec.containers[0].ports[0].hostPort', /Host Ports/],
    ['an unsafe sysctl', (p) => (p.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]), 'spec.securityContext.sysctls[0].name', /safe sysctl/],
    ['an unmasked /proc', (p) => (p.containers[0].securityContext.procMount = 'Unmasked'), `${c}.procMount`, /proc Mount Type/],
    ['a custom SELinux type', (p) => (p.securityContext.seLinuxOptions = { type: 'spc_t' }), 'spec.securityContext.seLinuxOptions.type', /SELinux/],
    ['AppArmor unconfined', (p) => (p.containers[0].securityContext.appArmorProfile = { type: 'Unconfined' }), `${c}.appArmorProfile.type`, /AppArmor/],
    ['a HostProcess pod', (p) => (p.securityContext.windowsOptions = { hostProcess: true }), 'spec.securityContext.windowsOptions.hostProcess', /HostProcess/],
    ['a privileged init container', (p) => (p.initContainers = [{ name: 'i', image: 'x:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, privileged: true } }]), 'spec.initContainers[0].securityContext.privileged', /Privileged/],
  ])('refuses %s', (_, mutate, path, message) => {
    const pod = compliant();
    mutate(pod);
    const problems = restrictedPodProblems(pod);
    expect(problems).toContainEqual(expect.objectContaining({ path, message: expect.stringMatching(message) }));
  });

  it('accepts runAsNonRoot and seccomp set on each container instead of the pod', () => {
    const pod = compliant();
    delete pod.securityContext;
    pod.containers[0].securityContext.runAsNonRoot = true;
    pod.containers[0].securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' };
    expect(restrictedPodProblems(pod)).toEqual([]);
  });

  it('checks the legacy AppArmor annotation of the pod template', () => {
    const problems = restrictedObjectProblems({
      kind: 'Deployment',
      spec: { template: { metadata: { annotations: { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined' } }, spec: compliant() } },
    });
    expect(problems).toEqual([expect.objectContaining({ path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]' })]);
  });

  it('finds the pod template of Deployments and CronJobs, and nothing in objects that run no pods', () => {
    const bad = compliant();
    bad.hostIPC = true;
    expect(restrictedObjectProblems({ kind: 'Deployment', spec: { template: { spec: bad } } })[0]!.path).toBe('spec.template.spec.hostIPC');
    expect(restrictedObjectProblems({ kind: 'CronJob', spec: { jobTemplate: { spec: { template: { spec: bad } } } } })[0]!.path).toBe('spec.jobTemplate.spec.template.spec.hostIPC');
    expect(restrictedObjectProblems({ kind: 'ConfigMap' })).toEqual([]);
  });
});
