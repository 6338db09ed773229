import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import type { ParsedEnvironment, ReportProblem } from '../../modules/core/config/section';
import { ValidationError } from '../../modules/core/validation-error';
import { azureContainersSection } from '../azure-containers/config';
import { azureFunctionsSection } from '../azure-functions/config';
import type { AzureContainersOutputs, AzureFunctionsOutputs } from '../contracts';

/**
 * A reference to the managed identity of one of the environment's apps, by the family that
 * publishes it: `functions.<key of azure.functions.apps>` or `containers.<key of azure.containers.apps>`.
 * Shared by `azure.data` and `azure.events` (grants to app identities).
 */
export const APP_IDENTITY_REF = /^(functions|containers)\.([a-z][a-z0-9-]*)$/;

/** Schema of one app identity reference. */
export const appIdentityRef = z.string().regex(APP_IDENTITY_REF, {
  message: 'is not an app identity; use "functions.<key of azure.functions.apps>" or "containers.<key of azure.containers.apps>"',
});

/** Which publishing family a list of references needs. */
export function refsUse(refs: readonly string[], family: 'functions' | 'containers'): boolean {
  return refs.some((r) => r.startsWith(`${family}.`));
}

/** The outputs app identities are read from (each present when its family is a dependency). */
export interface AppIdentitySources {
  readonly functions?: Pick<AzureFunctionsOutputs, 'principalIds'>;
  readonly containers?: Pick<AzureContainersOutputs, 'principalIds'>;
}

/**
 * Resolves references to principal ids, keyed `<family>-<app>` (stable construct-id keys).
 *
 * @throws ValidationError when a reference names an app the family did not publish
 */
export function resolveAppIdentities(scope: IConstruct, prop: string, refs: readonly string[], sources: AppIdentitySources): Record<string, string> {
  const out: Record<string, string> = {};
  refs.forEach((ref, i) => {
    const [, family, app] = APP_IDENTITY_REF.exec(ref) ?? [];
    const ids = family === 'functions' ? sources.functions?.principalIds : family === 'containers' ? sources.containers?.principalIds : undefined;
    if (ids === undefined) {
      throw new ValidationError(scope, `${prop}[${i}]`, ref, `names the ${family ?? '?'} stack, whose outputs this stack was not given; enable azure.${family ?? 'functions'}`);
    }
    const id = ids[app!];
    if (id === undefined && !Token.isUnresolved(ids)) {
      throw new ValidationError(scope, `${prop}[${i}]`, ref, `names no app of azure.${family}; use one of ${Object.keys(ids).map((k) => `${family}.${k}`).join(', ') || '(none)'}`);
    }
    out[`${family}-${app}`] = id!;
  });
  return out;
}

/** Reports references to apps the environment's `azure.functions` / `azure.containers` do not define (or are disabled). */
export function checkAppIdentityRefs(refs: readonly string[], at: readonly (string | number)[], env: ParsedEnvironment<any>, report: ReportProblem): void {
  refs.forEach((ref, i) => {
    const [, family, app] = APP_IDENTITY_REF.exec(ref) ?? [];
    if (!family) return; // the schema reports the form
    const section = family === 'functions' ? env.get(azureFunctionsSection) : env.get(azureContainersSection);
    if (section === undefined) return; // absent or already reported
    if (!section.enabled) {
      report([...at, i], ref, `names an app of azure.${family}, which is not enabled; set azure.${family}.enabled: true or remove it`);
    } else if (!(app! in section.apps)) {
      report([...at, i], ref, `names no app of azure.${family}.apps; use one of ${Object.keys(section.apps).map((k) => `${family}.${k}`).join(', ')}`);
    }
  });
}
