import { Testing } from 'cdktf';
import { AksInternalIngress } from '../../../modules/kubernetes/aks-internal-ingress';
import { manifestProblems } from '../../../modules/kubernetes/manifest-schema';

describe('AksInternalIngress', () => {
  it('adds an app routing NGINX controller behind an internal load balancer, class nginx-internal', () => {
    const json = JSON.parse(Testing.synthScope((scope) => void new AksInternalIngress(scope, 'internal-ingress')));
    const manifest = Object.values<any>(json.resource.kubernetes_manifest)[0].manifest;
    expect(manifestProblems(manifest)).toEqual([]);
    expect(manifest).toMatchObject({
      apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
      kind: 'NginxIngressController',
      spec: { ingressClassName: 'nginx-internal', loadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' } },
    });
  });
});
