export * from './rule';
export * from './pack';
export * from './report';
export * from './suppressions';
export { ALL_RULES } from './rules';
export * from './rule-table';
