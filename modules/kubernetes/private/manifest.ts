import { Manifest, type ManifestConfig } from '@cdktf/provider-kubernetes/lib/manifest';
import type { Construct } from 'constructs';
import { ValidationError } from '../../core/validation-error';
import { manifestProblems } from '../manifest-schema';

/** A construct id for an object: `<kind>-<name>`, lower-case (`deployment-web`, `networkpolicy-allow-dns`). */
export function manifestId(object: { kind?: string; metadata?: { name?: string } }): string {
  return `${String(object.kind).toLowerCase()}-${String(object.metadata?.name).toLowerCase()}`;
}

/**
 * Validates an object (schema and restricted profile) and emits it as a `kubernetes_manifest`.
 *
 * kubernetes_manifest reads the cluster's OpenAPI document when planning, so the cluster must exist
 * and its CRDs be installed before the stack that holds it is planned.
 *
 * @see https://registry.terraform.io/providers/hashicorp/kubernetes/latest/docs/resources/manifest
 * @throws ValidationError naming `<prop>.<Kind>/<name>` and the first problem
 */
export function validatedManifest(
  scope: Construct,
  object: { apiVersion?: string; kind?: string; metadata?: any; spec?: any },
  options: Omit<ManifestConfig, 'manifest'> = {},
  prop = 'manifests',
): Manifest {
  const problems = manifestProblems(object);
  if (problems.length > 0) {
    throw new ValidationError(scope, `${prop}.${object.kind}/${object.metadata?.name}`, problems[0], `is not a valid object${problems.length > 1 ? ` (and ${problems.length - 1} more problems: ${problems.slice(1, 4).join('; ')})` : ''}; fix the field named`);
  }
  return new Manifest(scope, manifestId(object), {
    fieldManager: { name: 'terraform', forceConflicts: false },
    ...options,
    manifest: object as Record<string, unknown>,
  });
}
