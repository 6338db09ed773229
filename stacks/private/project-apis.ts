import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { dependable } from 'cdktf';
import type { Construct } from 'constructs';

/** The project APIs a stack enabled, by {@link enableProjectApis}. */
export interface ProjectApis {
  /** One `google_project_service` per API, in the order given. */
  readonly services: ProjectService[];
  /**
   * The same, as `depends_on` entries to append to a construct's resources.
   *
   * Each call makes new references (tokens). No construct id depends on token order
   * (`idFromValue` refuses references; __tests__/stacks/stable-ids.test.ts checks every id of the
   * shipped environments), so calls may move freely.
   */
  dependables(): string[];
}

/**
 * Enables the APIs a stack's resources need on the environment's project, each as
 * `google_project_service` `api-<first label of the service name>` (`run.googleapis.com` ->
 * `api-run`).
 *
 * The APIs are left on when the stack is destroyed, and so are the services that depend on
 * them: other stacks of the project may use them.
 *
 * @param scope the stack
 * @param project the project id
 * @param services the APIs, e.g. `['run.googleapis.com']`; their first labels must differ
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/google_project_service
 */
export function enableProjectApis(scope: Construct, project: string, services: readonly string[]): ProjectApis {
  const enabled = services.map(
    (service) =>
      new ProjectService(scope, `api-${service.split('.')[0]}`, {
        project,
        service,
        disableOnDestroy: false,
        disableDependentServices: false,
      }),
  );
  return { services: enabled, dependables: () => enabled.map((s) => dependable(s)) };
}

/**
 * The number of the project (read by the data source `project`), which service agents and
 * budget filters are named by.
 *
 * @param scope the stack; call once per stack
 * @param project the project id
 */
export function readProjectNumber(scope: Construct, project: string): string {
  return new DataGoogleProject(scope, 'project', { projectId: project }).number;
}
