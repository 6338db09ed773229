import type { PolicyLevel, PolicyResource, RuleResult } from '../../rule';
import { PolicyRule } from '../../rule';
import { check, isRef } from '../../private/attrs';

/**
 * PostgreSQL flexible servers log connections.
 *
 * Connection logs record who connected from where.
 */
export class PostgresConnectionLogging extends PolicyRule {
  public readonly id = 'AZ-PG-6';
  public readonly level: PolicyLevel = 'warning';
  public readonly summary = 'PostgreSQL flexible servers log connections';
  public readonly explanation = 'Connection logs record who connected from where.';
  public readonly fix =
    'Keep the log_connections server parameter "on" (an azurerm_postgresql_flexible_server_configuration must not turn it off).';
  public readonly resourceTypes = ['azurerm_postgresql_flexible_server_configuration'];

  public evaluate(r: PolicyResource): RuleResult {
    const a = r.attrs;
    if (
      !['log_connections', 'log_disconnections', 'connection_throttle.enable', 'log_checkpoints'].includes(
        String(a.name)
      )
    )
      return 'not-applicable';
    return check(isRef(a.value) || String(a.value).toLowerCase() === 'on');
  }
}
