import * as path from 'node:path';

/**
 * The local chart the `deployWith: chart` path deploys (apps/charts/example-app), resolved from
 * the working directory (the repository root) like every other repository path the app reads;
 * never from `__dirname`, which is the bundle's folder when the app runs bundled.
 */
export const EXAMPLE_APP_CHART_PATH = path.resolve('apps', 'charts', 'example-app');
