import { environmentProblems } from '../__tests__/helpers/environment';
const show = (t: string, ps: string[]) => { console.log('==', t); ps.forEach((p) => console.log('  ', p)); };
show('oversized', environmentProblems({ aws: { network: { cidr: '10.0.0.0/8' } } }));
show('overlap', environmentProblems({ azure: { network: { addressSpace: '10.0.0.0/16' } } }));
