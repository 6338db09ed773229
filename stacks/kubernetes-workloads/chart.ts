import * as path from 'node:path';

/** The local chart the `deployWith: chart` path deploys (apps/charts/example-app). */
export const EXAMPLE_APP_CHART_PATH = path.resolve(__dirname, '..', '..', 'apps', 'charts', 'example-app');
