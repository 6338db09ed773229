// cdktf's per-token stack traces are off in tests as in the app (modules/core/token-traces.ts).
import '../modules/core/token-traces';
import { Testing } from 'cdktf';
// Brings cdktf's jest matcher types (toHaveResourceWithProperties...) into the type-check.
import 'cdktf/lib/testing/adapters/jest';

Testing.setupJest();
