import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnnotationMetadataEntryType, Aspects, DefaultTokenResolver, type ISynthesisSession, StringConcat, TerraformElement, TerraformOutput, TerraformStack } from 'cdktf';
// cdktf's stack synthesizer and the two helpers it uses; cdktf 0.21 is final.
import { encounteredAnnotationWithLevelError } from 'cdktf/lib/errors';
import { invokeAspects, StackSynthesizer } from 'cdktf/lib/synthesize/synthesizer';
import { ValidateTerraformVersion } from 'cdktf/lib/validations/validate-terraform-version';
import { type IConstruct, ConstructOrder } from 'constructs';
import { elementJson } from './element-json';
import { fastResolve } from './fast-resolve';
import { phase } from './phase-timer';
import { stableStringify } from './stable-json';

const RESOLVER = new DefaultTokenResolver(new StringConcat());
/** cdktf's Tokenization.resolve with the same resolver, plain values copied without its overhead. */
const resolve = (scope: IConstruct, value: unknown, preparing = false): any => fastResolve(value, scope, RESOLVER, preparing);

/** The Terraform elements of a stack, not of stacks nested in it (as cdktf collects them). */
function elementsOf(node: IConstruct, into: TerraformElement[] = []): TerraformElement[] {
  if (TerraformElement.isTerraformElement(node)) into.push(node);
  for (const child of node.node.children) if (!TerraformStack.isStack(child)) elementsOf(child, into);
  return into;
}

/**
 * A stack that resolves each element ONCE during synthesis, instead of twice.
 *
 * cdktf 0.21 resolves every element in `prepareStack()` (a "preparing" pass that registers
 * cross-stack references), then again per element in `toTerraform()`, then walks the merged
 * document once more: together about 40 % of a synth of the shipped environments (this stack
 * took a synth from 4.4 s to 3.4 s). The preparing pass already
 * yields the final value of an element (a cross-stack reference is rewritten to the remote-state
 * lookup inside that same pass), so it is kept and reused. Values are resolved by
 * {@link fastResolve}: cdktf's resolver, handed only the values that are not plain.
 *
 * Falls back to cdktf's own `toTerraform()` whenever the reuse could differ from it: the stack was
 * not prepared, an Aspect is registered anywhere in the app (cdktf invokes Aspects between the two
 * passes, and they may change elements), or stack-level overrides (`addOverride` on the stack)
 * exist. Elements added after the preparing pass (cross-stack outputs that later stacks register
 * on this one, the remote-state data sources) are resolved as cdktf does. The equivalence is
 * tested against cdktf's own method on every stack of the shipped environments
 * (`__tests__/modules/core/single-pass-stack.test.ts`); `INFRA_STOCK_SYNTH=1` turns this off.
 */
export abstract class SinglePassStack extends TerraformStack {
  private prepared?: Map<TerraformElement, unknown>;

  public constructor(scope: IConstruct, id: string) {
    super(scope, id);
    if (process.env.INFRA_STOCK_SYNTH !== '1') this.synthesizer = new SinglePassSynthesizer(this, this.synthesizer as StackSynthesizer);
  }

  public override prepareStack(): void {
    if (process.env.INFRA_STOCK_SYNTH === '1') return super.prepareStack();
    this.ensureBackendExists();
    const prepared = new Map<TerraformElement, unknown>();
    for (const element of elementsOf(this)) {
      // INFRA_TIMINGS=1 shows the two parts of a synth's largest step.
      const raw = phase('  synth: elements to JSON (providers)', () => elementJson(element));
      prepared.set(element, phase('  synth: resolve tokens', () => resolve(this, raw, true)));
    }
    this.prepared = prepared;
  }

  public override toTerraform(): any {
    return phase('  synth: merge each stack', () => this.mergePrepared());
  }

  private mergePrepared(): any {
    const prepared = this.prepared;
    // cdktf keeps these two private; they are read exactly as its own toTerraform() reads them.
    const internals = this as unknown as { readonly rawOverrides: Record<string, unknown>; readonly cdktfVersion: string };
    if (!prepared || Object.keys(internals.rawOverrides).length > 0 || hasAspects(this.node.root)) return super.toTerraform();
    const elements = elementsOf(this);
    const metadata: Record<string, unknown> = { version: internals.cdktfVersion, stackName: this.node.id, backend: 'local', cloud: undefined };
    for (const element of elements) deepMerge(metadata, resolve(this, element.toMetadata()));
    const outputs: Record<string, unknown> = {};
    for (const element of elements) {
      if (!TerraformOutput.isTerraformOutput(element)) continue;
      const nested = element.node.path.split('/').reduceRight<Record<string, unknown>>((inner, part) => (Object.keys(inner).length === 0 ? { [part]: element.friendlyUniqueId } : { [part]: inner }), {});
      deepMerge(outputs, nested);
    }
    const tf: Record<string, unknown> = { '//': { metadata, outputs } };
    // Each element's resolved JSON is merged once and then taken over by the document (below the
    // second level, see deepMerge): the prepared values are not kept for another call, which
    // resolves again through cdktf's own method.
    this.prepared = undefined;
    for (const element of elements) deepMerge(tf, prepared.has(element) ? prepared.get(element) : resolve(this, element.toTerraform()), 0, true);
    return tf;
  }
}

const aspectsByRoot = new WeakMap<IConstruct, boolean>();
/** Whether any construct of the app has an Aspect (looked up once per app: Aspects are added before synthesis). */
function hasAspects(root: IConstruct): boolean {
  let found = aspectsByRoot.get(root);
  if (found === undefined) {
    found = root.node.findAll().some((c) => Aspects.of(c).all.length > 0);
    aspectsByRoot.set(root, found);
  }
  return found;
}

/**
 * cdktf's merge of element fragments (util.deepMerge): objects merge, arrays concatenate, undefined
 * deletes.
 *
 * With `adopt`, an object from the third level down (a resource's body, an output's value, one
 * provider's requirement) that the target does not have yet is taken over instead of copied key
 * by key: the caller hands over sources that nothing reads again, and where two elements meet
 * below that level (two configurations of one provider), the second merges into the first one's
 * object as it would into a copy. The written JSON is the same: an undefined value in an adopted
 * object is left out by the writer, as the copy would have deleted it. Without it, the merge
 * copied every element's whole JSON once more (the merge phase: about 55 ms, now 42 ms).
 */
function deepMerge(target: any, source: any, depth = 0, adopt = false): void {
  for (const key of Object.keys(source)) {
    const value = source[key];
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      if (adopt && depth >= 2 && target[key] === undefined) {
        target[key] = value;
        continue;
      }
      if (typeof target[key] !== 'object') target[key] = {};
      deepMerge(target[key], value, depth + 1, adopt);
    } else if (Array.isArray(value)) {
      target[key] = Array.isArray(target[key]) ? [...target[key], ...value] : value;
    } else if (value === undefined) {
      delete target[key];
    } else {
      target[key] = value;
    }
  }
}

const ANNOTATION_TYPES: readonly string[] = [AnnotationMetadataEntryType.INFO, AnnotationMetadataEntryType.WARN, AnnotationMetadataEntryType.ERROR];
const CUSTOM_SYNTHESIS = Symbol.for('cdktf/customSynthesis');

/**
 * cdktf's stack synthesizer (`StackSynthesizer.synthesize`, cdktf 0.21) for JSON output, step for
 * step, with two costs removed: annotations are collected without copying the list once per
 * construct, and the JSON is written by {@link stableStringify} (the same bytes as cdktf's
 * json-stable-stringify, faster). HCL output (`cdktf synth --hcl`) is left to cdktf's own.
 */
class SinglePassSynthesizer extends StackSynthesizer {
  public constructor(
    private readonly target: TerraformStack,
    private readonly stock: StackSynthesizer,
  ) {
    super(target);
  }

  public override synthesize(session: ISynthesisSession): void {
    const options = this.stock as unknown as { readonly continueOnErrorAnnotations: boolean; readonly hclOutput: boolean };
    if (options.hclOutput) return this.stock.synthesize(session);
    const stack = this.target;
    invokeAspects(stack);
    if (stack.hasResourceMove()) {
      stack.node.addValidation(new ValidateTerraformVersion('>=1.5', 'Resource move functionality is only supported for Terraform >=1.5. Please upgrade your Terraform version.'));
    }
    if (!session.skipValidation) stack.runAllValidations();
    const stackManifest = session.manifest.forStack(stack);
    const workingDirectory = path.join(session.outdir, stackManifest.workingDirectory);
    if (!fs.existsSync(workingDirectory)) fs.mkdirSync(workingDirectory);
    // Custom synthesis (assets) leaves first, annotations in pre-order: cdktf's two orders.
    for (const node of stack.node.findAll(ConstructOrder.POSTORDER)) (node as unknown as Record<symbol, { onSynthesize(s: ISynthesisSession): void } | undefined>)[CUSTOM_SYNTHESIS]?.onSynthesize(session);
    const annotations: { constructPath: string; level: AnnotationMetadataEntryType; message: unknown; stacktrace?: string[] }[] = [];
    for (const node of stack.node.findAll()) {
      for (const m of node.node.metadata) {
        if (ANNOTATION_TYPES.includes(m.type)) annotations.push({ constructPath: node.node.path, level: m.type as AnnotationMetadataEntryType, message: m.data, stacktrace: m.trace });
      }
    }
    (stackManifest as { annotations: unknown }).annotations = annotations;
    const errors = annotations.filter((a) => a.level === AnnotationMetadataEntryType.ERROR);
    if (!options.continueOnErrorAnnotations && errors.length > 0) {
      throw encounteredAnnotationWithLevelError(errors.map((a) => `[${a.constructPath}] ${a.message}`).join('\n'));
    }
    fs.writeFileSync(path.join(session.outdir, stackManifest.synthesizedStackPath), stableStringify(stack.toTerraform())!);
  }
}
