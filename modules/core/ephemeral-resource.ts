import { type TerraformStack, TerraformElement, Token, ref } from 'cdktf';
import type { Construct } from 'constructs';
import { ValidationError } from './validation-error';

/** A literal argument of an ephemeral block. */
export type EphemeralArgument = string | number | boolean;

/** Props of {@link EphemeralResource}. */
export interface EphemeralResourceProps {
  /** Terraform type of the ephemeral resource, e.g. `aws_secretsmanager_random_password`. */
  readonly type: string;
  /** Its arguments, in Terraform's (snake_case) names: literals only. */
  readonly config: Readonly<Record<string, EphemeralArgument>>;
}

/** An HCL string literal: JSON escaping, plus `$${` and `%%{` so nothing is read as a template. */
function hclString(value: string): string {
  return JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{');
}

/**
 * An `ephemeral` block (Terraform >= 1.10): a value opened at plan and apply, never stored in the
 * plan or the state. cdktf 0.21 has no ephemeral classes, so this element writes the block into the
 * stack's JSON itself; its attributes can only be used where Terraform allows ephemeral values
 * (write-only arguments such as `secret_string_wo`, provider blocks, other ephemeral blocks).
 *
 * cdktf's HCL renderer (`cdktf synth --hcl`) drops blocks it does not know: a stack holding one
 * appends {@link ephemeralBlocksHcl} in its `toHclTerraform`.
 *
 * @see https://developer.hashicorp.com/terraform/language/resources/ephemeral
 */
export class EphemeralResource extends TerraformElement {
  /** Whether `x` is an {@link EphemeralResource}. */
  public static isEphemeralResource(x: unknown): x is EphemeralResource {
    return x instanceof EphemeralResource;
  }

  private readonly type: string;
  private readonly config: Readonly<Record<string, EphemeralArgument>>;

  constructor(scope: Construct, id: string, props: EphemeralResourceProps) {
    super(scope, id, `ephemeral.${props.type}`);
    for (const [name, value] of Object.entries(props.config)) {
      if (typeof value === 'string' && Token.isUnresolved(value)) {
        throw new ValidationError(this, `config.${name}`, value, `is a token; an ephemeral ${props.type} takes only literal arguments`);
      }
    }
    this.type = props.type;
    this.config = props.config;
  }

  /** A reference to one of its attributes (`ephemeral.<type>.<name>.<attribute>`). */
  public getStringAttribute(attribute: string): string {
    return Token.asString(ref(`ephemeral.${this.type}.${this.friendlyUniqueId}.${attribute}`, this.cdktfStack));
  }

  public override toTerraform(): any {
    return { ephemeral: { [this.type]: { [this.friendlyUniqueId]: { ...this.config } } } };
  }

  /** The block as HCL. */
  public toHcl(): string {
    const args = Object.entries(this.config).map(([k, v]) => `  ${k} = ${typeof v === 'string' ? hclString(v) : String(v)}`);
    return [`ephemeral "${this.type}" "${this.friendlyUniqueId}" {`, ...args, '}'].join('\n');
  }
}

/** The HCL of every {@link EphemeralResource} in `stack` (empty when there is none). */
export function ephemeralBlocksHcl(stack: TerraformStack): string {
  return stack.node
    .findAll()
    .filter(EphemeralResource.isEphemeralResource)
    .map((e) => e.toHcl())
    .join('\n\n');
}
