import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { parse } from 'yaml';
import { applicationChartValues } from '../../../modules/kubernetes/application-chart';
import { applicationDeployment } from '../../../modules/kubernetes/application-manifests';
import { chartChecksum, readLocalChart, renderLocalChart, renderTemplate } from '../../../modules/kubernetes/helm-template-subset';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';
import { restrictedObjectProblems } from '../../../modules/kubernetes/pod-security';
import { SPEC, TARGETS } from './fixtures';

const CHART = path.resolve(__dirname, '../../../apps/charts/example-app');
const ctx = { Values: { a: { b: 'x', n: 0, list: [1, 2], map: { k: 'v' } } }, Release: { Name: 'rel', Namespace: 'ns' }, Chart: { Name: 'c', Version: '1.0.0' } };

describe('renderTemplate (the documented subset)', () => {
  it('prints values, quotes, release and chart fields', () => {
    expect(renderTemplate('{{ .Values.a.b }} {{ .Values.a.b | quote }} {{ .Release.Name }}/{{ .Release.Namespace }} {{ .Chart.Name }}-{{ .Chart.Version }}', ctx)).toBe('x "x" rel/ns c-1.0.0');
  });

  it('renders toYaml with nindent and trims whitespace around {{- and -}}', () => {
    expect(renderTemplate('m:\n  {{- toYaml .Values.a.map | nindent 2 }}\n', ctx)).toBe('m:\n  k: v\n');
    expect(renderTemplate('a  {{- .Values.a.b -}}  b', ctx)).toBe('axb');
  });

  it('keeps or drops if blocks by Go truthiness', () => {
    expect(renderTemplate('{{ if .Values.a.n }}yes{{ end }}|{{ if not .Values.a.n }}no{{ end }}|{{ if .Values.a.list }}list{{ end }}|{{ if .Values.missing }}m{{ end }}', ctx)).toBe('|no|list|');
  });

  it.each([
    ['{{ include "x" . }}', /outside the template subset/],
    ['{{ .Values.a.b | upper }}', /pipeline stage "upper"/],
    ['{{ .Values.a.map }}', /prints a map or list/],
    ['{{ if .Values.a.b }}', /without \{\{ end \}\}/],
    ['{{ end }}', /without \{\{ if \}\}/],
  ])('refuses %s', (template, message) => {
    expect(() => renderTemplate(template, ctx)).toThrow(message);
  });
});

describe('apps/charts/example-app', () => {
  const chart = readLocalChart(CHART);

  it('has a v2 Chart.yaml with a name and an exact version, values.yaml, and Deployment, Service and HPA templates', () => {
    expect(parse(readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8'))).toMatchObject({ apiVersion: 'v2', name: 'example-app', version: '0.1.0', type: 'application' });
    expect(Object.keys(chart.templates).sort()).toEqual(['deployment.yaml', 'hpa.yaml', 'service.yaml']);
  });

  it('renders valid YAML with its own defaults, and every object passes the schema and the restricted profile', () => {
    const rendered = renderLocalChart(chart, 'example-app', 'example-app');
    expect(Object.values(rendered).flat().map((o) => o.kind).sort()).toEqual(['Deployment', 'HorizontalPodAutoscaler', 'Service']);
    for (const object of Object.values(rendered).flat()) expect([object.kind, manifestProblems(object)]).toEqual([object.kind, []]);
  });

  it.each(Object.entries(TARGETS))('renders with the values of the spec on %s into the same pod template as the manifest path', (_, target) => {
    const rendered = renderLocalChart(chart, SPEC.name, SPEC.name, applicationChartValues(SPEC, target, 'c'.repeat(64)));
    const deployment = rendered['deployment.yaml']![0]!;
    expect(manifestProblems(deployment)).toEqual([]);
    expect(restrictedObjectProblems(deployment)).toEqual([]);
    const expected = applicationDeployment(SPEC, target);
    expect(deployment.spec.template.spec).toEqual(expected.spec!.template.spec);
    expect(deployment.spec.strategy).toEqual(expected.spec!.strategy);
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.metadata.annotations).toEqual({ 'checksum/chart': 'c'.repeat(64) });
    expect(rendered['hpa.yaml']![0]!.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4 });
    expect(rendered['service.yaml']![0]!.spec.ports).toEqual([{ name: 'http', port: 8080, targetPort: 'http', protocol: 'TCP' }]);
  });

  it('renders no HPA and a fixed replica count when autoscaling is off', () => {
    const rendered = renderLocalChart(chart, 'a', 'a', { autoscaling: { enabled: false }, replicas: 3 });
    expect(rendered['hpa.yaml']).toEqual([]);
    expect(rendered['deployment.yaml']![0]!.spec.replicas).toBe(3);
  });

  it('is caught by the restricted check when its values make a privileged container', () => {
    const rendered = renderLocalChart(chart, 'a', 'a', { securityContext: { privileged: true } });
    expect(restrictedObjectProblems(rendered['deployment.yaml']![0]!)).toContainEqual(expect.objectContaining({ path: 'spec.template.spec.containers[0].securityContext.privileged' }));
  });
});

describe('chartChecksum', () => {
  it('is a SHA-256 that changes when any file of the chart changes', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'chart-'));
    cpSync(CHART, copy, { recursive: true });
    const before = chartChecksum(copy);
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(chartChecksum(copy)).toBe(before);
    writeFileSync(path.join(copy, 'templates', 'service.yaml'), '# changed\n', { flag: 'a' });
    expect(chartChecksum(copy)).not.toBe(before);
  });
});

describe('the parsed YAML of a chart, kept by content (.cache/chart-yaml)', () => {
  const cacheDir = path.resolve('.cache', 'chart-yaml');
  /** Kept files whose text holds `marker` (other test files may add files of their own meanwhile). */
  const keptWith = (marker: string) => (existsSync(cacheDir) ? readdirSync(cacheDir) : []).filter((f) => readFileSync(path.join(cacheDir, f), 'utf8').includes(marker));
  const chartWith = (template: string) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chart-'));
    mkdirSync(path.join(dir, 'templates'));
    writeFileSync(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: kept\nversion: 1.0.0\n');
    writeFileSync(path.join(dir, 'values.yaml'), 'replicas: 1\n');
    writeFileSync(path.join(dir, 'templates', 'cm.yaml'), template);
    return dir;
  };
  const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  marker: {{ .Values.marker | quote }}\n---\n';

  it('keeps the objects of a rendered template, and a second render gives the same objects', () => {
    const marker = `marker-${randomUUID()}`;
    const chart = readLocalChart(chartWith(CONFIG_MAP));
    const first = renderLocalChart(chart, 'rel', 'ns', { marker });
    expect(first).toEqual({ 'cm.yaml': [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'rel' }, data: { marker } }] });
    const kept = keptWith(marker);
    expect(kept).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(cacheDir, kept[0]!), 'utf8'))).toEqual(first['cm.yaml']);
    const second = renderLocalChart(chart, 'rel', 'ns', { marker });
    expect(second).toEqual(first);
    // each caller gets objects of its own
    expect(second['cm.yaml']![0]).not.toBe(first['cm.yaml']![0]);
  });

  it('keeps nothing for a template that renders invalid YAML, and throws the same error every time', () => {
    const marker = `marker-${randomUUID()}`;
    const chart = readLocalChart(chartWith('data: {{ .Values.marker }}\n  bad: [\n'));
    for (let i = 0; i < 2; i++) expect(() => renderLocalChart(chart, 'rel', 'ns', { marker })).toThrow(/templates\/cm\.yaml: rendered YAML is invalid/);
    expect(keptWith(marker)).toEqual([]);
  });

  it('keeps nothing with INFRA_CHART_CACHE=off', () => {
    const marker = `marker-${randomUUID()}`;
    const before = process.env.INFRA_CHART_CACHE;
    process.env.INFRA_CHART_CACHE = 'off';
    try {
      expect(renderLocalChart(readLocalChart(chartWith(CONFIG_MAP)), 'rel', 'ns', { marker })['cm.yaml']![0].data).toEqual({ marker });
    } finally {
      if (before === undefined) delete process.env.INFRA_CHART_CACHE;
      else process.env.INFRA_CHART_CACHE = before;
    }
    expect(keptWith(marker)).toEqual([]);
  });

  it('refuses a Chart.yaml with more than one document, as Helm reads one', () => {
    const dir = chartWith(CONFIG_MAP);
    writeFileSync(path.join(dir, 'Chart.yaml'), 'name: a\nversion: 1.0.0\n---\nname: b\n');
    expect(() => readLocalChart(dir)).toThrow(/Chart\.yaml: holds 2 YAML documents; Helm reads one/);
  });
});
