import { manifestProblems, schemaProblems } from '../../../modules/kubernetes/manifest-schema';

describe('schemaProblems', () => {
  it('checks built-in kinds against the Kubernetes OpenAPI schema', () => {
    expect(schemaProblems({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { template: {} } as any })).toContain('spec must have required property selector');
    expect(schemaProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toEqual([]);
  });

  it('checks the required spec fields of the custom resources it knows', () => {
    expect(schemaProblems({ apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'x' }, spec: { provider: 'aws' } })).toEqual(['spec must have required property parameters']);
  });

  it('refuses kinds it cannot check, and bad names', () => {
    expect(schemaProblems({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'x' } })).toEqual([expect.stringMatching(/is not a kind this project can check/)]);
    expect(schemaProblems({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } })).toEqual([expect.stringMatching(/metadata.name "Bad_Name" is not a Kubernetes object name/)]);
  });

  it('adds the restricted profile problems of objects that run pods', () => {
    const problems = manifestProblems({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'c', image: 'x:1', securityContext: { privileged: true } }] },
    });
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^spec\.containers\[0\]\.securityContext\.privileged true is a privileged container/)]));
  });
});
