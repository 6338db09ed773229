import { Testing } from 'cdktf';
import { parse } from 'yaml';
import { HelmChartRelease, PLATFORM_CHARTS } from '../../../modules/kubernetes/helm-chart-release';

function releaseOf(props: Partial<ConstructorParameters<typeof HelmChartRelease>[2]> = {}) {
  const json = JSON.parse(
    Testing.synthScope((scope) => {
      new HelmChartRelease(scope, 'r', { releaseName: 'metrics-server', namespace: 'kube-system', chart: PLATFORM_CHARTS.metricsServer, values: { replicas: 2, args: ['--a'] }, ...props });
    }),
  );
  return Object.values<any>(json.resource.helm_release)[0];
}

describe('HelmChartRelease', () => {
  it('pins the repository and version, and installs atomically, waiting, with a timeout and a short history', () => {
    expect(releaseOf()).toEqual(
      expect.objectContaining({
        repository: 'https://kubernetes-sigs.github.io/metrics-server/',
        chart: 'metrics-server',
        version: '3.12.2',
        atomic: true,
        wait: true,
        wait_for_jobs: true,
        cleanup_on_fail: true,
        timeout: 600,
        max_history: 10,
        create_namespace: false,
      }),
    );
  });

  it('serialises typed values as YAML', () => {
    expect(parse(releaseOf().values[0])).toEqual({ replicas: 2, args: ['--a'] });
  });

  it('pins every platform chart to an exact version', () => {
    for (const chart of Object.values(PLATFORM_CHARTS)) expect(chart.version).toMatch(/^[0-9]+\.[0-9]+\.[0-9]+$/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a version range', { chart: { repository: 'https://x.example.com', chart: 'x', version: '^1.0.0' } }, /prop chart\.version "\^1\.0\.0" is not an exact version/],
    ['a plain-http repository', { chart: { repository: 'http://x.example.com', chart: 'x', version: '1.0.0' } }, /prop chart\.repository "http:\/\/x\.example\.com" is not an https:\/\/ or oci:\/\//],
    ['a bad release name', { releaseName: 'Metrics_Server' }, /prop releaseName "Metrics_Server" is not a Helm release name/],
    ['a timeout too long', { timeoutSeconds: 7200 }, /prop timeoutSeconds 7200 .*60 to 3600/],
  ])('rejects %s', (_, props, message) => {
    expect(() => releaseOf(props)).toThrow(message);
  });
});
