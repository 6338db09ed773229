/**
 * cdktf records a full stack trace for every token it creates (lists, dynamic blocks, expressions),
 * only to quote it if that token later fails to resolve. Formatting those traces was the largest
 * single cost of a synth (about a fifth of its CPU, more when the app runs bundled). This turns the
 * recording off; `CDKTF_TOKEN_TRACES=1` keeps it, for debugging an unresolvable token.
 *
 * Import it before anything creates tokens (main.ts does, first; so does the test setup).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };

/** Whether token stack traces are recorded. */
export const TOKEN_TRACES = /^(1|true|yes)$/i.test(process.env.CDKTF_TOKEN_TRACES ?? '');

if (!TOKEN_TRACES) traces.captureStackTrace = () => [];
