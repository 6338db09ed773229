import { drSection } from '../dr/config';
import { defineFamily } from '../family';
import { gcpNetworkFamily } from '../gcp-network/family';
import { gcpDatabaseSection } from './config';
import { GcpDatabaseStack } from './gcp-database-stack';

/** `<env>-gcp-database`: Cloud SQL for PostgreSQL (the DR standby when `dr.enabled`). */
export const gcpDatabaseFamily = defineFamily({
  id: 'gcp-database',
  description: 'Cloud SQL for PostgreSQL 17',
  section: gcpDatabaseSection,
  enabledWhen: '`gcp.database.enabled`',
  enabled: (db) => db.enabled,
  dependsOn: [gcpNetworkFamily],
  build: (ctx, config) => {
    const stack = new GcpDatabaseStack(ctx.scope, ctx.name, {
      environment: ctx.environment,
      config,
      network: ctx.use(gcpNetworkFamily),
      role: ctx.env.section(drSection).enabled ? 'dr-standby' : 'database',
    });
    return { stack, outputs: stack.outputs };
  },
});
