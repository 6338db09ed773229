export * from './frameworks';
export * from './rule-controls';
export * from './report';
export * from './map-table';
