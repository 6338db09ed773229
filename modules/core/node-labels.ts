/**
 * Node label keys the kubelet refuses to set on its own node (`--node-labels`): the
 * `kubernetes.io` and `k8s.io` namespaces are reserved for Kubernetes, except the few a kubelet may
 * set. A node group or pool with such a label never joins its cluster.
 *
 * @see https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#noderestriction
 */
const KUBELET_ALLOWED = ['kubelet.kubernetes.io', 'node.kubernetes.io'];

/**
 * Why a node label key is refused, or `undefined` when a kubelet may set it. `cloudReserved` are
 * the prefixes the cloud's managed node pools keep for themselves (`kubernetes.azure.com`...).
 */
export function nodeLabelKeyProblem(key: string, cloudReserved: readonly string[] = []): string | undefined {
  const slash = key.indexOf('/');
  if (slash < 0) return undefined;
  const prefix = key.slice(0, slash);
  const under = (domain: string) => prefix === domain || prefix.endsWith(`.${domain}`);
  const reserved = cloudReserved.find((domain) => under(domain));
  if (reserved) return `uses the prefix "${prefix}/", which the cloud reserves for its own node labels; use a prefix of your own domain (e.g. "example.com/role") or none`;
  if ((under('kubernetes.io') || under('k8s.io')) && !KUBELET_ALLOWED.some((domain) => under(domain))) {
    return `uses the prefix "${prefix}/", which Kubernetes reserves (the kubelet refuses it, so the node never joins); use a prefix of your own domain (e.g. "example.com/role"), none, or node.kubernetes.io/`;
  }
  return undefined;
}
