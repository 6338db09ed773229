import type { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { Construct } from 'constructs';
import { INGRESS_CLASSES } from './cluster-target';
import { validatedManifest } from './private/manifest';

/**
 * The internal ingress class of an AKS cluster's application routing add-on: an
 * NginxIngressController whose load balancer is private (`nginx-internal`). The add-on's default
 * controller (`webapprouting.kubernetes.azure.com`) serves public Ingresses.
 *
 * The add-on (and its CRD) is enabled on the cluster (`web_app_routing` of azurerm_kubernetes_cluster).
 *
 * @see https://learn.microsoft.com/azure/aks/app-routing-nginx-configuration
 */
export class AksInternalIngress extends Construct {
  public readonly controller: Manifest;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = INGRESS_CLASSES.aks.internal;
    this.controller = validatedManifest(this, {
      apiVersion: 'approuting.kubernetes.azure.com/v1alpha1',
      kind: 'NginxIngressController',
      metadata: { name },
      spec: {
        ingressClassName: name,
        controllerNamePrefix: name,
        loadBalancerAnnotations: { 'service.beta.kubernetes.io/azure-load-balancer-internal': 'true' },
      },
    });
  }
}
