import { Testing } from 'cdktf';
// Brings cdktf's jest matcher types (toHaveResourceWithProperties...) into the type-check.
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();

// cdktf records a full stack trace for every token it creates, to quote it if the token later
// fails to resolve. Under jest each trace is source-mapped frame by frame, which cost about a
// tenth of the suite's CPU; the tests never read those traces, so they are not recorded here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const traces = require('cdktf/lib/tokens/private/stack-trace') as { captureStackTrace: () => string[] };
traces.captureStackTrace = () => [];
