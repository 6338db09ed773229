import { applicationSpecProblems, cpuMillicores, imageProblem, maxPods, memoryBytes } from '../../../modules/kubernetes/application-spec';
import { SPEC } from './fixtures';

describe('imageProblem', () => {
  it.each([
    'nginx:1.27.3',
    'ghcr.io/example/app:1.4.2',
    'registry.example.com:5000/team/app:v2-rc.1',
    `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:${'a'.repeat(64)}`,
    `europe-west1-docker.pkg.dev/acme/apps/app@sha256:${'0'.repeat(64)}`,
  ])('accepts %s', (image) => {
    expect(imageProblem(image)).toBeUndefined();
  });

  it.each([
    ['nginx', /has no tag or digest/],
    ['ghcr.io/example/app', /has no tag or digest/],
    ['nginx:latest', /moving tag "latest"/],
    ['nginx@sha256:abc', /has no tag or digest/],
    ['registry.example.com:5000/app', /has no tag or digest/],
  ])('refuses %s', (image, message) => {
    expect(imageProblem(image)).toMatch(message);
  });
});

describe('quantities', () => {
  it('reads CPU in millicores and memory in bytes', () => {
    expect([cpuMillicores('250m'), cpuMillicores('1'), cpuMillicores('1.5'), cpuMillicores('x')]).toEqual([250, 1000, 1500, undefined]);
    expect([memoryBytes('512Mi'), memoryBytes('1Gi'), memoryBytes('1G'), memoryBytes('1024'), memoryBytes('1GB')]).toEqual([536870912, 1073741824, 1e9, 1024, undefined]);
  });
});

describe('applicationSpecProblems', () => {
  it('finds nothing wrong in a complete spec', () => {
    expect(applicationSpecProblems(SPEC)).toEqual([]);
  });

  it('reports every problem at once, each with its field path', () => {
    const problems = applicationSpecProblems({ ...SPEC, image: 'nginx', ports: [{ name: 'http', containerPort: 70000 }], autoscaling: { minReplicas: 9, maxReplicas: 2 } });
    expect(problems.map((p) => p.path)).toEqual(['image', 'ports[0].containerPort', 'autoscaling.minReplicas']);
  });

  it('counts the pods a rollout may run: the HPA maximum plus the surge', () => {
    expect(maxPods(SPEC)).toBe(5);
    expect(maxPods({ ...SPEC, autoscaling: { enabled: false }, replicas: 3, maxSurge: 1 })).toBe(4);
  });
});
