import { DynamodbContributorInsights } from '@cdktf/provider-aws/lib/dynamodb-contributor-insights';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/validation-error';
import { CustomerKey } from './private/customer-key';

/** Key attribute types: string, number, binary. @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/HowItWorks.NamingRulesDataTypes.html */
export const DYNAMO_KEY_TYPES = ['S', 'N', 'B'] as const;
export type DynamoKeyType = (typeof DYNAMO_KEY_TYPES)[number];
/** Stream view types. @see https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_StreamSpecification.html */
export const DYNAMO_STREAM_VIEW_TYPES = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const;
/** Capacity modes. */
export const DYNAMO_BILLING_MODES = ['PAY_PER_REQUEST', 'PROVISIONED'] as const;
/** Index projections (`INCLUDE` is not offered: list the attributes in the item instead). */
export const DYNAMO_PROJECTIONS = ['ALL', 'KEYS_ONLY'] as const;

/** Defaults of {@link DynamoTable}. */
export const DYNAMO_TABLE_DEFAULTS = {
  billingMode: 'PAY_PER_REQUEST',
  deletionProtection: true,
  /** Days of point-in-time recovery (1-35). */
  pointInTimeRecoveryDays: 35,
  contributorInsights: false,
  projection: 'ALL',
} as const;

/** Limits of {@link DynamoTable}. @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html */
export const DYNAMO_TABLE_LIMITS = {
  pointInTimeRecoveryDays: { min: 1, max: 35 },
  globalSecondaryIndexes: 20,
  capacity: { min: 1, max: 40000 },
} as const;

/** Table and index names: 3-255 of letters, digits, `_ - .`. */
export const DYNAMO_NAME_PATTERN = /^[A-Za-z0-9_.-]{3,255}$/;

/** A key attribute. */
export interface DynamoKey {
  /** Attribute name. */
  readonly name: string;
  /** Attribute type. */
  readonly type: DynamoKeyType;
}

/** A global secondary index. */
export interface DynamoGlobalIndex {
  /** Index name (unique in the table). */
  readonly name: string;
  /** Partition key of the index. */
  readonly partitionKey: DynamoKey;
  /** Sort key of the index. @default - none */
  readonly sortKey?: DynamoKey;
  /** Attributes copied into the index. @default "ALL" */
  readonly projection?: (typeof DYNAMO_PROJECTIONS)[number];
}

/** Props of {@link DynamoTable}. */
export interface DynamoTableProps {
  /** Table name. */
  readonly name: string;
  /** Partition (hash) key. */
  readonly partitionKey: DynamoKey;
  /** Sort (range) key. @default - none */
  readonly sortKey?: DynamoKey;
  /** Global secondary indexes, each keyed by its name. @default - none */
  readonly globalSecondaryIndexes?: readonly DynamoGlobalIndex[];
  /** On-demand or provisioned capacity. @default "PAY_PER_REQUEST" */
  readonly billingMode?: (typeof DYNAMO_BILLING_MODES)[number];
  /** Read capacity units (PROVISIONED only, also for each index). @default - none */
  readonly readCapacity?: number;
  /** Write capacity units (PROVISIONED only, also for each index). @default - none */
  readonly writeCapacity?: number;
  /** Attribute holding the expiry time (epoch seconds) of an item. @default - no TTL */
  readonly ttlAttribute?: string;
  /** Stream of item changes, for a consumer. @default - no stream */
  readonly streamViewType?: (typeof DYNAMO_STREAM_VIEW_TYPES)[number];
  /** Refuse API deletion of the table. @default true */
  readonly deletionProtection?: boolean;
  /** Days of point-in-time recovery (1-35). @default 35 */
  readonly pointInTimeRecoveryDays?: number;
  /** CloudWatch Contributor Insights on the table (billed per event). @default false */
  readonly contributorInsights?: boolean;
  /** Tags. @default - none */
  readonly tags?: Record<string, string>;
}

/**
 * A DynamoDB table: on-demand by default, encrypted with its own rotating customer key, point-in-time
 * recovery, deletion protection, optional TTL, stream and Contributor Insights; keys and global
 * secondary indexes from props.
 *
 * @see https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/dynamodb_table
 */
export class DynamoTable extends Construct {
  public readonly table: DynamodbTable;
  public readonly tableName: string;
  public readonly tableArn: string;
  public readonly kmsKeyArn: string;
  /** ARN of the stream, when one is enabled. */
  public readonly streamArn?: string;

  constructor(scope: Construct, id: string, props: DynamoTableProps) {
    super(scope, id);
    const billingMode = props.billingMode ?? DYNAMO_TABLE_DEFAULTS.billingMode;
    const pitrDays = props.pointInTimeRecoveryDays ?? DYNAMO_TABLE_DEFAULTS.pointInTimeRecoveryDays;
    this.validate(props, billingMode, pitrDays);
    const tags = props.tags ?? {};
    const key = new CustomerKey(this, 'key', { description: `Encrypts the DynamoDB table ${props.name}`, alias: `dynamodb/${props.name}`, tags });
    this.kmsKeyArn = key.arn;

    const attributes = new Map<string, DynamoKeyType>();
    for (const k of [props.partitionKey, props.sortKey, ...(props.globalSecondaryIndexes ?? []).flatMap((g) => [g.partitionKey, g.sortKey])]) {
      if (k) attributes.set(k.name, k.type);
    }
    const provisioned = billingMode === 'PROVISIONED';
    this.table = new DynamodbTable(this, 'table', {
      name: props.name,
      billingMode,
      hashKey: props.partitionKey.name,
      rangeKey: props.sortKey?.name,
      readCapacity: provisioned ? props.readCapacity : undefined,
      writeCapacity: provisioned ? props.writeCapacity : undefined,
      attribute: [...attributes].map(([name, type]) => ({ name, type })),
      globalSecondaryIndex: props.globalSecondaryIndexes?.map((g) => ({
        name: g.name,
        hashKey: g.partitionKey.name,
        rangeKey: g.sortKey?.name,
        projectionType: g.projection ?? DYNAMO_TABLE_DEFAULTS.projection,
        readCapacity: provisioned ? props.readCapacity : undefined,
        writeCapacity: provisioned ? props.writeCapacity : undefined,
      })),
      serverSideEncryption: { enabled: true, kmsKeyArn: key.arn },
      pointInTimeRecovery: { enabled: true, recoveryPeriodInDays: pitrDays },
      deletionProtectionEnabled: props.deletionProtection ?? DYNAMO_TABLE_DEFAULTS.deletionProtection,
      ttl: props.ttlAttribute ? { enabled: true, attributeName: props.ttlAttribute } : undefined,
      streamEnabled: props.streamViewType ? true : undefined,
      streamViewType: props.streamViewType,
      tags,
    });
    this.tableName = this.table.name;
    this.tableArn = this.table.arn;
    if (props.streamViewType) this.streamArn = this.table.streamArn;
    if (props.contributorInsights ?? DYNAMO_TABLE_DEFAULTS.contributorInsights) {
      new DynamodbContributorInsights(this, 'contributor-insights', { tableName: this.table.name });
    }
  }

  private validate(props: DynamoTableProps, billingMode: string, pitrDays: number): void {
    if (!Token.isUnresolved(props.name) && !DYNAMO_NAME_PATTERN.test(props.name)) {
      throw new ValidationError(this, 'name', props.name, 'is not a table name; use 3 to 255 letters, digits, _ - and .');
    }
    if (!(DYNAMO_BILLING_MODES as readonly string[]).includes(billingMode)) {
      throw new ValidationError(this, 'billingMode', billingMode, `is not a billing mode; use ${DYNAMO_BILLING_MODES.join(' or ')}`);
    }
    const cap = DYNAMO_TABLE_LIMITS.capacity;
    for (const field of ['readCapacity', 'writeCapacity'] as const) {
      const v = props[field];
      if (billingMode === 'PROVISIONED' && (v === undefined || !Number.isInteger(v) || v < cap.min || v > cap.max)) {
        throw new ValidationError(this, field, v, `is required with PROVISIONED billing; use ${cap.min} to ${cap.max} units`);
      }
      if (billingMode === 'PAY_PER_REQUEST' && v !== undefined) {
        throw new ValidationError(this, field, v, 'is set with PAY_PER_REQUEST billing; leave it out or use billingMode PROVISIONED');
      }
    }
    const pitr = DYNAMO_TABLE_LIMITS.pointInTimeRecoveryDays;
    if (!Number.isInteger(pitrDays) || pitrDays < pitr.min || pitrDays > pitr.max) {
      throw new ValidationError(this, 'pointInTimeRecoveryDays', pitrDays, `is not allowed; use ${pitr.min} to ${pitr.max} days`);
    }
    if (props.streamViewType !== undefined && !(DYNAMO_STREAM_VIEW_TYPES as readonly string[]).includes(props.streamViewType)) {
      throw new ValidationError(this, 'streamViewType', props.streamViewType, `is not a stream view type; use one of ${DYNAMO_STREAM_VIEW_TYPES.join(', ')}`);
    }
    const types = new Map<string, string>();
    const checkKey = (prop: string, k: DynamoKey | undefined) => {
      if (!k) return;
      if (!/^[A-Za-z0-9_.-]{1,255}$/.test(k.name)) throw new ValidationError(this, `${prop}.name`, k.name, 'is not an attribute name; use 1 to 255 letters, digits, _ - and .');
      if (!(DYNAMO_KEY_TYPES as readonly string[]).includes(k.type)) throw new ValidationError(this, `${prop}.type`, k.type, `is not a key type; use ${DYNAMO_KEY_TYPES.join(', ')} (string, number, binary)`);
      const known = types.get(k.name);
      if (known && known !== k.type) throw new ValidationError(this, `${prop}.type`, k.type, `differs from the type ${known} given to attribute "${k.name}" elsewhere; give one attribute one type`);
      types.set(k.name, k.type);
    };
    checkKey('partitionKey', props.partitionKey);
    checkKey('sortKey', props.sortKey);
    const indexes = props.globalSecondaryIndexes ?? [];
    if (indexes.length > DYNAMO_TABLE_LIMITS.globalSecondaryIndexes) {
      throw new ValidationError(this, 'globalSecondaryIndexes', indexes.length, `is above the ${DYNAMO_TABLE_LIMITS.globalSecondaryIndexes} indexes a table may have`);
    }
    const names = new Set<string>();
    indexes.forEach((g, i) => {
      if (!DYNAMO_NAME_PATTERN.test(g.name) || names.has(g.name)) {
        throw new ValidationError(this, `globalSecondaryIndexes[${i}].name`, g.name, 'is not a unique index name; use 3 to 255 letters, digits, _ - and ., each once');
      }
      names.add(g.name);
      checkKey(`globalSecondaryIndexes[${i}].partitionKey`, g.partitionKey);
      checkKey(`globalSecondaryIndexes[${i}].sortKey`, g.sortKey);
    });
  }
}
