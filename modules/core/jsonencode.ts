import { DefaultTokenResolver, Fn, type IResolvable, type IResolveContext, StringConcat, Token, Tokenization } from 'cdktf';
import { resolveRemembering } from './fast-resolve';

const RESOLVER = new DefaultTokenResolver(new StringConcat());

/** cdktf's function-call token (`call(name, args)`), as far as it is read here. */
interface FunctionCall extends IResolvable {
  readonly name: string;
  readonly args: unknown[];
}

/**
 * `Fn.jsonencode(value)`, the same Terraform expression, resolved in time linear in the size of
 * `value`.
 *
 * cdktf renders a function's arguments by resolving each argument, then resolving it again to
 * render it, and doing the same for each of its elements: a document nested d levels deep is
 * resolved about d times over (a dashboard body was most of a synth's token resolution). Here the
 * function's own rendering runs unchanged, with a context that remembers what it resolved, so an
 * object inside the argument is resolved once. The token keeps `name` and `args`, as cdktf's does
 * (the policy pack reads the document from them).
 *
 * Resolved with cdktf's default resolver (the one every synth uses); use `Fn.jsonencode` with a
 * custom `ITokenResolver`.
 */
export function jsonencode(value: unknown): string {
  // eslint-disable-next-line no-restricted-properties -- the call this wraps
  const call = Tokenization.reverseString(Fn.jsonencode(value)).firstToken as FunctionCall;
  return Token.asString(new RememberingCall(call));
}

class RememberingCall implements IResolvable {
  public readonly creationStack: string[] = [];
  public readonly name: string;
  public readonly args: unknown[];

  public constructor(private readonly call: FunctionCall) {
    this.name = call.name;
    this.args = call.args;
  }

  public resolve(context: IResolveContext): unknown {
    const memo = new Map<object, unknown>();
    // The call sets its flags (suppressBraces, ignoreEscapes, warnEscapes) on this context and
    // resolves its arguments through it; they are copied back after, as the call leaves them.
    const remembering = Object.create(context) as IResolveContext & { -readonly [K in keyof IResolveContext]: IResolveContext[K] };
    remembering.resolve = (x: unknown) => resolveRemembering(x, remembering, RESOLVER, memo);
    const out = this.call.resolve(remembering);
    const flags = context as { suppressBraces?: boolean; ignoreEscapes?: boolean; warnEscapes?: boolean };
    flags.suppressBraces = remembering.suppressBraces;
    flags.ignoreEscapes = remembering.ignoreEscapes;
    flags.warnEscapes = remembering.warnEscapes;
    return out;
  }

  public toString(): string {
    return Token.asString(this);
  }
}
